using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Rinkel.Client.Http;

namespace Rinkel.Client
{
    /// <summary>What one finished download left on disk.</summary>
    public sealed class AudioDownloadResult
    {
        internal AudioDownloadResult(string path, long bytes, int attempts, bool resumed)
        {
            Path = path;
            Bytes = bytes;
            Attempts = attempts;
            Resumed = resumed;
        }

        /// <summary>The complete file, under its final name.</summary>
        public string Path { get; }
        public long Bytes { get; }
        /// <summary>Requests to the audio host, retries and refreshed URLs included.</summary>
        public int Attempts { get; }
        /// <summary>Whether the download continued a partial file left by an earlier, interrupted run.</summary>
        public bool Resumed { get; }
    }

    /// <summary>Writing the file failed on this machine (disk full, access denied): retrying the network will not help.</summary>
    public sealed class AudioFileException : IOException
    {
        internal AudioFileException(string message, string path, Exception inner) : base(message, inner)
        {
            Path = path;
        }

        public string Path { get; }
    }

    /// <summary>
    /// Downloads one temporary audio URL to a file. The body goes to "name.partial" and is renamed to its final name
    /// only once every byte has arrived, so an interrupted run (Ctrl+C, a dropped connection, a full disk) never
    /// leaves a file that looks finished; the next run continues the partial file with a Range request. The audio host
    /// gets no API key (the URL's token is the grant); a 401 means the token expired, and the URL is asked for again
    /// once.
    /// </summary>
    internal sealed class AudioDownloader
    {
        internal const string PartialSuffix = ".partial";
        private const int BufferSize = 81920;

        private static readonly Lazy<HttpClient> Http = new Lazy<HttpClient>(() => new HttpClient(new HttpClientHandler
        {
            // No key header is ever attached to these requests, so following the audio host's redirects (to a CDN) is safe.
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            // .NET Framework allows 2 connections per host unless told otherwise; the download window sets the real bound.
            MaxConnectionsPerServer = 64,
        })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        });

        private readonly RinkelClient _client;
        private readonly IRinkelObserver _observer;

        public AudioDownloader(RinkelClient client, IRinkelObserver observer)
        {
            _client = client;
            _observer = observer;
        }

        public async Task<AudioDownloadResult> DownloadAsync(AudioKind kind, string id, string finalPath, bool overwrite,
            Action<long>? onBytes, CancellationToken cancellationToken)
        {
            var options = _client.Options;
            var partial = finalPath + PartialSuffix;
            var url = await _client.GetAudioUrlAsync(kind, id, _observer, cancellationToken).ConfigureAwait(false);
            var refreshed = false;
            var failures = 0;
            var attempts = 0;
            var resumed = false;
            while (true)
            {
                attempts++;
                var offset = File.Exists(partial) ? new FileInfo(partial).Length : 0;
                var outcome = await AttemptAsync(url, partial, offset, onBytes, cancellationToken).ConfigureAwait(false);
                switch (outcome.Result)
                {
                    case AttemptResult.Complete:
                        resumed |= offset > 0 && outcome.Status == 206;
                        Commit(partial, finalPath, overwrite);
                        return new AudioDownloadResult(finalPath, new FileInfo(finalPath).Length, attempts, resumed);

                    case AttemptResult.Expired when !refreshed:
                        // The token lives three hours; a long archive run, or a URL fetched just before it expired, meets a 401.
                        refreshed = true;
                        _observer.OnRetryScheduled(new RetryTrace("GET", url.Redacted, attempts, attempts + 1, TimeSpan.Zero,
                            outcome.Reason + ", so the URL expired; a fresh one is asked for", false));
                        url = await _client.GetAudioUrlAsync(kind, id, _observer, cancellationToken).ConfigureAwait(false);
                        continue;

                    case AttemptResult.Expired:
                        throw Failure(RinkelErrorKind.Authentication, url, outcome, attempts,
                            "The audio host refused a freshly issued URL too.");

                    case AttemptResult.Restart:
                        // The server could not continue the partial file: start it over.
                        Delete(partial);
                        continue;

                    case AttemptResult.Fatal:
                        throw Failure(outcome.Kind, url, outcome, attempts, null);

                    case AttemptResult.Transient:
                        failures++;
                        if (failures > options.MaxRetryCount)
                            throw Failure(outcome.Kind, url, outcome, attempts, null);
                        var delay = Backoff.Delay(failures, options);
                        _observer.OnRetryScheduled(new RetryTrace("GET", url.Redacted, attempts, options.MaxRetryCount + 1, delay,
                            outcome.Reason ?? "a failed download", false));
                        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                        continue;
                }
            }
        }

        private async Task<Attempt> AttemptAsync(AudioUrl url, string partial, long offset, Action<long>? onBytes, CancellationToken cancellationToken)
        {
            var options = _client.Options;
            var stopwatch = Stopwatch.StartNew();
            using (var request = new HttpRequestMessage(HttpMethod.Get, url.Secret))
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("audio/mpeg"));
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*", 0.5));
                if (offset > 0) request.Headers.Range = new RangeHeaderValue(offset, null);

                HttpResponseMessage response;
                timeout.CancelAfter(options.Timeout);
                try
                {
                    response = await Http.Value.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return Trace(url, stopwatch, null, Attempt.Transient(RinkelErrorKind.Timeout, null, "no response within " + Seconds(options.Timeout)));
                }
                catch (HttpRequestException ex)
                {
                    return Trace(url, stopwatch, null, Attempt.Transient(RinkelErrorKind.ConnectionFailed, null, FailureText.Describe(ex, _client.Secrets)));
                }

                using (response)
                {
                    var status = (int)response.StatusCode;
                    if (status == 401 || status == 403) return Trace(url, stopwatch, response, Attempt.Of(AttemptResult.Expired, RinkelErrorKind.Authentication, status, Reason(response)));
                    if (status == 416) return Trace(url, stopwatch, response, Attempt.Of(AttemptResult.Restart, RinkelErrorKind.InvalidResponse, status, Reason(response)));
                    if (status == 429 || status >= 500) return Trace(url, stopwatch, response, Attempt.Transient(status == 429 ? RinkelErrorKind.RateLimited : RinkelErrorKind.ServerError, status, Reason(response)));
                    if (status == 404) return Trace(url, stopwatch, response, Attempt.Of(AttemptResult.Fatal, RinkelErrorKind.NotFound, status, Reason(response)));
                    if (status != 200 && status != 206) return Trace(url, stopwatch, response, Attempt.Of(AttemptResult.Fatal, RinkelErrorKind.InvalidResponse, status, Reason(response)));

                    var append = status == 206;
                    if (append && response.Content.Headers.ContentRange?.From is long from && from != offset)
                        return Trace(url, stopwatch, response, Attempt.Of(AttemptResult.Restart, RinkelErrorKind.InvalidResponse, status, "a range that does not continue the partial file"));
                    var expected = response.Content.Headers.ContentLength;
                    long written = 0;
                    FileStream file;
                    try
                    {
                        file = new FileStream(partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                    {
                        throw new AudioFileException($"Cannot write '{partial}': {ex.Message}", partial, ex);
                    }
                    using (file)
                    {
                        Stream body;
                        try
                        {
                            body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
                        {
                            return Trace(url, stopwatch, response, Attempt.Transient(RinkelErrorKind.ConnectionFailed, status, FailureText.Describe(ex, _client.Secrets)));
                        }
                        var buffer = new byte[BufferSize];
                        while (true)
                        {
                            int read;
                            // The timeout is for silence: a large file on a slow line may take long, a stalled one may not.
                            timeout.CancelAfter(options.Timeout);
                            try
                            {
                                read = await body.ReadAsync(buffer, 0, buffer.Length, timeout.Token).ConfigureAwait(false);
                            }
                            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                            {
                                return Trace(url, stopwatch, response, Attempt.Transient(RinkelErrorKind.Timeout, status, "no data for " + Seconds(options.Timeout) + " after " + written + " bytes"));
                            }
                            catch (Exception ex) when (ex is IOException || ex is HttpRequestException || ex is ObjectDisposedException)
                            {
                                return Trace(url, stopwatch, response, Attempt.Transient(RinkelErrorKind.ConnectionFailed, status, "the connection broke after " + written + " bytes (" + FailureText.Describe(ex, _client.Secrets) + ")"));
                            }
                            if (read == 0) break;
                            try
                            {
                                await file.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                            }
                            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                            {
                                file.Dispose();
                                Delete(partial);
                                throw new AudioFileException($"Cannot write '{partial}': {ex.Message}", partial, ex);
                            }
                            written += read;
                            onBytes?.Invoke(read);
                        }
                        if (expected is long length && written != length)
                            return Trace(url, stopwatch, response, Attempt.Transient(RinkelErrorKind.ConnectionFailed, status, $"the body ended after {written} of {length} bytes"));
                        try
                        {
                            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                        }
                        catch (IOException ex)
                        {
                            file.Dispose();
                            Delete(partial);
                            throw new AudioFileException($"Cannot write '{partial}': {ex.Message}", partial, ex);
                        }
                    }
                    return Trace(url, stopwatch, response, Attempt.Done(status));
                }
            }
        }

        private Attempt Trace(AudioUrl url, Stopwatch stopwatch, HttpResponseMessage? response, Attempt attempt)
        {
            _observer.OnRequestCompleted(new RequestTrace("GET", url.Redacted, 1, response == null ? (int?)null : (int)response.StatusCode,
                response?.ReasonPhrase, stopwatch.Elapsed, response?.Content?.Headers.ContentLength,
                new System.Collections.Generic.KeyValuePair<string, string>[0],
                attempt.Result == AttemptResult.Complete ? null : attempt.Reason));
            return attempt;
        }

        private static void Commit(string partial, string finalPath, bool overwrite)
        {
            try
            {
                if (File.Exists(finalPath))
                {
                    if (!overwrite) throw new IOException($"'{finalPath}' appeared while it was being downloaded; the download was kept as '{partial}'.");
                    File.Delete(finalPath);
                }
                File.Move(partial, finalPath);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new AudioFileException($"Cannot rename '{partial}' to '{finalPath}': {ex.Message}", finalPath, ex);
            }
        }

        private static void Delete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Left behind under its .partial name, which never passes for a finished file.
            }
        }

        private static RinkelApiException Failure(RinkelErrorKind kind, AudioUrl url, Attempt outcome, int attempts, string? more)
        {
            var explanation = outcome.Reason == null ? more : Sentence(outcome.Reason) + (more == null ? string.Empty : " " + more);
            return new RinkelApiException(kind, "GET", url.Redacted, outcome.Status, null, null, null, null, attempts, explanation);
        }

        private static string Reason(HttpResponseMessage response) => (int)response.StatusCode + " " + response.ReasonPhrase;

        private static string Sentence(string text) =>
            text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1).TrimEnd('.') + ".";

        private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";

        private enum AttemptResult
        {
            Complete,
            Expired,
            Restart,
            Transient,
            Fatal,
        }

        private sealed class Attempt
        {
            private Attempt(AttemptResult result, RinkelErrorKind kind, int? status, string? reason)
            {
                Result = result;
                Kind = kind;
                Status = status;
                Reason = reason;
            }

            public AttemptResult Result { get; }
            public RinkelErrorKind Kind { get; }
            public int? Status { get; }
            public string? Reason { get; }

            public static Attempt Done(int status) => new Attempt(AttemptResult.Complete, RinkelErrorKind.InvalidResponse, status, null);
            public static Attempt Transient(RinkelErrorKind kind, int? status, string reason) => new Attempt(AttemptResult.Transient, kind, status, reason);
            public static Attempt Of(AttemptResult result, RinkelErrorKind kind, int? status, string reason) => new Attempt(result, kind, status, reason);
        }
    }
}
