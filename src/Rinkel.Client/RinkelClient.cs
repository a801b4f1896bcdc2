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
    /// <remarks>
    /// Closing (or disposing) stops every new request and every retry or wait at once, lets attempts already on the
    /// wire finish, and disposes the key when the last of them has ended.
    /// </remarks>
    public sealed class RinkelClient : IDisposable
    {
        private readonly RinkelApiKey _apiKey;
        private readonly RequestGate _gate = new RequestGate();
        private readonly SecretRedactor _secrets = new SecretRedactor();
        private readonly CancellationTokenSource _closing = new CancellationTokenSource();
        private int _calls;
        private int _closed;
        private int _keyDisposed;

        /// <param name="options">Connection settings; validated and then owned by the client.</param>
        /// <param name="apiKey">The key; owned and disposed by the client.</param>
        public RinkelClient(RinkelClientOptions options, RinkelApiKey apiKey)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            _apiKey = apiKey ?? throw new ArgumentNullException(nameof(apiKey));
            options.Validate();
            _secrets.Add(apiKey);
        }

        public RinkelClientOptions Options { get; }

        /// <summary>The secrets of this connection, redacted from every message; add short-lived tokens here.</summary>
        public SecretRedactor Secrets => _secrets;

        /// <summary>Whether <see cref="Close"/> (or Dispose) was called: no request will be sent any more.</summary>
        public bool IsClosed => Volatile.Read(ref _closed) != 0;

        /// <summary>Whether the key has been disposed (closed, and no call is using it any more).</summary>
        public bool IsKeyDisposed => Volatile.Read(ref _keyDisposed) != 0;

        /// <summary>How much longer the API has asked this connection to wait (a 429 being waited out); zero when free.</summary>
        public TimeSpan ThrottledFor => _gate.Remaining;

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
        public Task<T> GetAsync<T>(RinkelResource<T> resource, string id, IRinkelObserver? observer, CancellationToken cancellationToken)
            where T : class
        {
            if (resource is null) throw new ArgumentNullException(nameof(resource));
            return GetAsync(resource, resource.Path, id, resource.IdOf, "id", observer, cancellationToken);
        }

        /// <summary>
        /// Gets one item at <paramref name="path"/>/<paramref name="key"/> (e.g. a call record by call id) and checks
        /// that the item is the one asked for: <paramref name="keyOf"/> of the answer must equal <paramref name="key"/>,
        /// or the answer is an invalid response rather than another item returned as if it were the one asked for.
        /// </summary>
        internal async Task<T> GetAsync<T>(RinkelResource<T> resource, string path, string key, Func<T, string?> keyOf, string keyName,
            IRinkelObserver? observer, CancellationToken cancellationToken) where T : class
        {
            if (string.IsNullOrWhiteSpace(key)) throw new ArgumentException($"The {resource.Noun} {keyName} is empty.", nameof(key));
            // System.Uri unescapes %2E and then removes dot segments, so "." and ".." cannot be sent as one segment
            // however they are escaped: they would reach the listing or the API root instead.
            if (key == "." || key == "..") throw new ArgumentException($"The {resource.Noun} {keyName} '{key}' is not a {resource.Noun} {keyName}.", nameof(key));
            var response = await SendAsync(path + "/" + PathSegment.Escape(key), observer, cancellationToken).ConfigureAwait(false);
            var item = ResponseReader.ReadSingle(response, resource);
            var answered = keyOf(item);
            if (!string.Equals(answered, key, StringComparison.Ordinal))
                throw ResponseReader.Invalid(response,
                    $"The API answered with the {resource.Noun} whose {keyName} is '{answered}' where '{key}' was asked for, so it was not returned as that {resource.Noun}.");
            return item;
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
            using (Begin(relative))
            {
                var response = await SendAsync(relative, observer, cancellationToken).ConfigureAwait(false);
                return ResponseReader.Read(response, type);
            }
        }

        // method: GET when null; writes pass POST, PUT or DELETE with a UTF-8 JSON body (see Writes/ApiWrites.cs).
        internal async Task<ApiResponse> SendAsync(string relative, IRinkelObserver? observer, CancellationToken cancellationToken,
            HttpMethod? method = null, byte[]? jsonBody = null)
        {
            var uri = new Uri(Options.BaseUri, relative);
            var verb = (method ?? HttpMethod.Get).Method;
            using (Begin(relative))
            {
                var context = new RequestContext(_apiKey, Options, _gate, observer ?? NullRinkelObserver.Instance, _secrets, _closing.Token);
                using (var request = new HttpRequestMessage(method ?? HttpMethod.Get, uri))
                {
                    if (jsonBody != null) request.Content = ApiWrites.JsonContent(jsonBody);
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
                            ex.TimedOut ? RinkelErrorKind.Timeout : RinkelErrorKind.ConnectionFailed, verb, uri, null, null,
                            null, null, null, ex.Attempts, Sentence(ex.Message) + Suffix(context), ex);
                    }
                    catch (ConnectionClosedException ex)
                    {
                        throw Closed(uri, context.Attempts - 1, ex);
                    }
                    catch (ResponseTooLargeException ex)
                    {
                        throw new RinkelApiException(RinkelErrorKind.InvalidResponse, verb, uri, null, null, null, null, null,
                            context.Attempts, ex.Message, ex);
                    }
                    catch (HttpRequestException ex)
                    {
                        // Not retried, e.g. a request the handler refused to send: still a connection failure.
                        throw new RinkelApiException(RinkelErrorKind.ConnectionFailed, verb, uri, null, null, null, null, null,
                            Math.Max(1, context.Attempts), FailureText.Describe(ex, _secrets), ex);
                    }

                    using (response)
                    {
                        var body = response.Content == null ? new byte[0] : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                        var apiResponse = new ApiResponse(verb, uri, response.StatusCode, context.Clean(response.ReasonPhrase),
                            response.Content?.Headers.ContentType?.MediaType, body, context.Attempts, context.GaveUpBecause, _secrets);
                        if (!response.IsSuccessStatusCode) throw ResponseReader.ToException(apiResponse);
                        return apiResponse;
                    }
                }
            }
        }

        /// <summary>
        /// Stops this client: no new request or retry is sent and waits end at once; attempts already on the wire
        /// finish. The key is disposed as soon as no call is using it. Idempotent.
        /// </summary>
        public void Close()
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0) return;
            try
            {
                _closing.Cancel();
            }
            catch (AggregateException)
            {
                // A registration threw; the waits it belonged to end anyway.
            }
            if (Volatile.Read(ref _calls) == 0) DisposeKey();
        }

        public void Dispose() => Close();

        public override string ToString() => "RinkelClient(" + Options.BaseUri + ")";

        // Every call holds the client open while it runs, so a Close from another thread never pulls the key away
        // from a request that is being sent or from a message that is being redacted.
        private Call Begin(string relative)
        {
            Interlocked.Increment(ref _calls);
            if (!IsClosed) return new Call(this);
            End();
            throw Closed(new Uri(Options.BaseUri, relative), 0, null);
        }

        private void End()
        {
            if (Interlocked.Decrement(ref _calls) == 0 && IsClosed) DisposeKey();
        }

        private void DisposeKey()
        {
            if (Interlocked.Exchange(ref _keyDisposed, 1) == 0) _apiKey.Dispose();
        }

        private static RinkelApiException Closed(Uri uri, int attemptsSent, Exception? inner) =>
            new RinkelApiException(RinkelErrorKind.ConnectionClosed, "GET", uri, null, null, null, null, null, Math.Max(0, attemptsSent),
                "The connection was closed before the request was sent; its key is no longer used. Connect again to continue.", inner);

        private sealed class Call : IDisposable
        {
            private RinkelClient? _client;

            public Call(RinkelClient client) => _client = client;

            public void Dispose() => Interlocked.Exchange(ref _client, null)?.End();
        }

        // The retry handler's reason reads as a clause ("no response within 30 s"); the message needs a sentence.
        private static string Sentence(string text) =>
            text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1).TrimEnd('.') + ".";

        private static string Suffix(RequestContext context) =>
            context.GaveUpBecause is string because ? " " + because : string.Empty;
    }
}
