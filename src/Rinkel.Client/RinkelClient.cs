using System;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Rinkel.Client.Http;
using Rinkel.Client.Json;

namespace Rinkel.Client
{
    /// <summary>
    /// A client for one Rinkel account (one API key). Thread-safe: one instance serves concurrent calls from
    /// many threads or runspaces.
    /// </summary>
    public sealed class RinkelClient : IDisposable
    {
        private readonly RinkelApiKey _apiKey;
        private readonly RequestGate _gate = new RequestGate();

        /// <param name="options">Connection settings; validated and then owned by the client.</param>
        /// <param name="apiKey">The key; owned and disposed by the client.</param>
        public RinkelClient(RinkelClientOptions options, RinkelApiKey apiKey)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            _apiKey = apiKey ?? throw new ArgumentNullException(nameof(apiKey));
            options.Validate();
        }

        public RinkelClientOptions Options { get; }

        internal RequestGate Gate => _gate;

        /// <summary>Checks the key with the cheapest authenticated request there is.</summary>
        public Task VerifyAsync(IRinkelObserver? observer, CancellationToken cancellationToken) =>
            SendAsync(
                "users?page=1&perPage=1",
                WireContract.UserPage,
                observer,
                cancellationToken);

        /// <summary>Gets one user. An unknown id is a <see cref="RinkelApiException"/> of kind NotFound.</summary>
        public Task<User> GetUserAsync(string id, IRinkelObserver? observer, CancellationToken cancellationToken) =>
            GetAsync(RinkelResources.Users, id, observer, cancellationToken);

        /// <summary>Starts a listing of every user; pages are fetched as the caller reads them.</summary>
        public Listing<User> ListUsers(ListUsersOptions? options, IRinkelObserver? observer) =>
            List(RinkelResources.Users, options ?? new ListUsersOptions(), observer);

        /// <summary>
        /// Gets one item of <paramref name="resource"/> by id. An unknown id is a <see cref="RinkelApiException"/> of
        /// kind NotFound.
        /// </summary>
        public async Task<T> GetAsync<T>(RinkelResource<T> resource, string id, IRinkelObserver? observer, CancellationToken cancellationToken)
            where T : class
        {
            if (resource is null) throw new ArgumentNullException(nameof(resource));
            if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException($"The {resource.Noun} id is empty.", nameof(id));
            // System.Uri unescapes %2E and then removes dot segments, so "." and ".." cannot be sent as one segment
            // however they are escaped: they would reach the listing or the API root instead.
            if (id == "." || id == "..") throw new ArgumentException($"The {resource.Noun} id '{id}' is not a {resource.Noun} id.", nameof(id));
            var response = await SendAsync(resource.Path + "/" + PathSegment.Escape(id), observer, cancellationToken).ConfigureAwait(false);
            return ResponseReader.ReadSingle(response, resource);
        }

        /// <summary>Starts a listing of <paramref name="resource"/>; pages are fetched as the caller reads them.</summary>
        public Listing<T> List<T>(RinkelResource<T> resource, ListingOptions? options, IRinkelObserver? observer) where T : class
        {
            if (resource is null) throw new ArgumentNullException(nameof(resource));
            return new Listing<T>(this, resource, options ?? new ListingOptions(), observer ?? NullRinkelObserver.Instance);
        }

        /// <summary>
        /// Downloads the audio of one recording, call recording or voicemail to <paramref name="path"/>: asks the API
        /// for a temporary URL, downloads it without the API key, writes "path.partial" and renames it when complete.
        /// A partial file from an interrupted run is continued. An item without audio is a NotFound
        /// <see cref="RinkelApiException"/>; a local write failure an <see cref="AudioFileException"/>.
        /// </summary>
        /// <remarks>
        /// <c>overwrite</c> replaces an existing file once the new one is complete; <c>onBytes</c> is called (on any
        /// thread) with each block of bytes written, for progress.
        /// </remarks>
        public Task<AudioDownloadResult> DownloadAudioAsync(AudioKind kind, string id, string path, bool overwrite,
            Action<long>? onBytes, IRinkelObserver? observer, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The target path is empty.", nameof(path));
            return new AudioDownloader(this, observer ?? NullRinkelObserver.Instance).DownloadAsync(kind, id, path, overwrite, onBytes, cancellationToken);
        }

        /// <summary>The file name a download uses until it is complete.</summary>
        public static string PartialPathFor(string path) => path + AudioDownloader.PartialSuffix;

        internal async Task<AudioUrl> GetAudioUrlAsync(AudioKind kind, string id, IRinkelObserver? observer, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException($"The {AudioKinds.Noun(kind)} id is empty.", nameof(id));
            if (id == "." || id == "..") throw new ArgumentException($"The {AudioKinds.Noun(kind)} id '{id}' is not an id.", nameof(id));
            var response = await SendAsync(AudioKinds.StreamPath(kind) + "/" + PathSegment.Escape(id) + "/stream", observer, cancellationToken).ConfigureAwait(false);
            var envelope = ResponseReader.Read(response, WireContract.AudioUrlEnvelope);
            // The URL is treated as opaque and absolute (the API's URLs are not rebuilt), but it must be http(s) to be fetched.
            if (envelope.Data?.Url is string text && Uri.TryCreate(text, UriKind.Absolute, out var url)
                && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
                return new AudioUrl(url);
            throw new RinkelApiException(RinkelErrorKind.InvalidResponse, response.Method, response.Uri, (int)response.Status,
                response.Reason, null, null, null, response.Attempts, "The API returned no usable audio URL (data.url).");
        }

        internal async Task<T> SendAsync<T>(string relative, JsonTypeInfo<T> type, IRinkelObserver? observer, CancellationToken cancellationToken)
        {
            var response = await SendAsync(relative, observer, cancellationToken).ConfigureAwait(false);
            return ResponseReader.Read(response, type);
        }

        internal async Task<ApiResponse> SendAsync(string relative, IRinkelObserver? observer, CancellationToken cancellationToken)
        {
            var uri = new Uri(Options.BaseUri, relative);
            var context = new RequestContext(_apiKey, Options, _gate, observer ?? NullRinkelObserver.Instance);
            using (var request = new HttpRequestMessage(HttpMethod.Get, uri))
            {
                context.AttachTo(request);
                var http = HttpPipeline.CreateClient();
                HttpResponseMessage response;
                try
                {
                    response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                }
                catch (TransportFailureException ex)
                {
                    throw new RinkelApiException(
                        ex.TimedOut ? RinkelErrorKind.Timeout : RinkelErrorKind.ConnectionFailed, "GET", uri, null, null,
                        null, null, null, ex.Attempts, Sentence(ex.Message) + Suffix(context), ex);
                }
                catch (ResponseTooLargeException ex)
                {
                    throw new RinkelApiException(RinkelErrorKind.InvalidResponse, "GET", uri, null, null, null, null, null,
                        context.Attempts, ex.Message, ex);
                }
                catch (HttpRequestException ex)
                {
                    // Not retried, e.g. a request the handler refused to send: still a connection failure.
                    throw new RinkelApiException(RinkelErrorKind.ConnectionFailed, "GET", uri, null, null, null, null, null,
                        Math.Max(1, context.Attempts), FailureText.Describe(ex), ex);
                }

                using (response)
                {
                    var body = response.Content == null ? new byte[0] : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    var apiResponse = new ApiResponse("GET", uri, response.StatusCode, response.ReasonPhrase,
                        response.Content?.Headers.ContentType?.MediaType, body, context.Attempts, context.GaveUpBecause);
                    if (!response.IsSuccessStatusCode) throw ResponseReader.ToException(apiResponse);
                    return apiResponse;
                }
            }
        }

        // The retry handler's reason reads as a clause ("no response within 30 s"); the message needs a sentence.
        private static string Sentence(string text) =>
            text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1).TrimEnd('.') + ".";

        private static string Suffix(RequestContext context) =>
            context.GaveUpBecause is string because ? " " + because : string.Empty;

        public void Dispose() => _apiKey.Dispose();

        public override string ToString() => "RinkelClient(" + Options.BaseUri + ")";
    }
}
