using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Rinkel.Client.Http
{
    /// <summary>
    /// Retries idempotent requests on 429, 502, 503, 504, timeouts and broken connections (a POST only on 429), with
    /// bounded attempts and a bounded total time. Each attempt has its own timeout and covers the whole body (read by TracingHandler,
    /// the innermost handler), so a connection that drops mid-body is retried like one that drops before the headers.
    /// </summary>
    internal sealed class RetryHandler : DelegatingHandler
    {
        private static readonly TimeSpan ShownWait = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan ShortestShownInheritedWait = TimeSpan.FromMilliseconds(250);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var context = RequestContext.From(request);
            var options = context.Options;
            // PUT and DELETE leave the same state however often they arrive; a POST may create twice, so it is
            // resent only after a 429 (refused unprocessed), and a POST that met anything else unknown goes back to
            // the caller (ApiWrites checks whether it was carried out before sending it again).
            var idempotent = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head ||
                request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete;
            var maxAttempts = options.MaxRetryCount + 1;
            var started = Stopwatch.StartNew();

            // Waits end on the caller's cancellation and on the connection being closed; an attempt on the wire is
            // only ever ended by the caller (or its timeout), so a disconnect lets requests in flight finish.
            using (var waits = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.Closing))
            for (var attempt = 1; ; attempt++)
            {
                context.Attempts = attempt;
                await WaitAtGateAsync(request, context, waits.Token).ConfigureAwait(false);
                if (context.Closing.IsCancellationRequested) throw new ConnectionClosedException();

                string reason;
                Exception? failure = null;
                using (var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    attemptTimeout.CancelAfter(options.Timeout);
                    HttpResponseMessage? response = null;
                    try
                    {
                        response = await base.SendAsync(request, attemptTimeout.Token).ConfigureAwait(false);
                        // The body is already read: TracingHandler, inside this attempt, buffers it next to the wire.
                        if (!(idempotent ? IsTransient(response.StatusCode) : response.StatusCode == (HttpStatusCode)429) || attempt >= maxAttempts) return response;
                        reason = (int)response.StatusCode + (context.Clean(response.ReasonPhrase) is string phrase ? " " + phrase : string.Empty);
                        var serverDelay = RetryAfter.From(response, DateTimeOffset.UtcNow);
                        // Retry-After 0, a negative value or a date in the past would let every retry go at once:
                        // the backoff is the floor, the server's value is honoured above it.
                        var backoff = Backoff.Delay(attempt, options);
                        var fromServer = serverDelay.HasValue && serverDelay.Value >= backoff;
                        var wait = fromServer ? serverDelay!.Value : backoff;
                        if (!FitsBudget(wait, fromServer, options, started, context)) return response;
                        response.Dispose();
                        // Only a 429 says the account is throttled, so only a 429 holds the whole connection; a 503
                        // with Retry-After is about this request (one overloaded backend), and delays this retry
                        // alone. The hold goes when this wait ends, also when it is cancelled: nobody is left to
                        // wait it out, and the API will say so again if the account is still throttled.
                        var hold = response.StatusCode == (HttpStatusCode)429
                            ? context.Gate.Block(wait, reason + " to " + request.Method.Method + " " + request.RequestUri)
                            : null;
                        try
                        {
                            await ScheduleAsync(request, context, attempt, maxAttempts, wait, reason, fromServer, waits.Token).ConfigureAwait(false);
                        }
                        finally
                        {
                            hold?.Dispose();
                        }
                        continue;
                    }
                    catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        response?.Dispose();
                        reason = "no response within " + Seconds(options.Timeout);
                        failure = ex;
                    }
                    catch (Exception ex) when ((ex is HttpRequestException || ex is IOException) && FailureText.IsUnknownHost(ex))
                    {
                        // A name that does not exist will not exist in a second either.
                        response?.Dispose();
                        throw new TransportFailureException(false,
                            $"the host name '{request.RequestUri!.Host}' could not be resolved ({FailureText.Describe(ex, context.Secrets)}); check the base URI",
                            attempt, ex);
                    }
                    catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
                    {
                        response?.Dispose();
                        reason = FailureText.Describe(ex, context.Secrets);
                        failure = ex;
                    }
                    catch
                    {
                        response?.Dispose();
                        throw;
                    }
                }

                var delay = Backoff.Delay(attempt, options);
                if (!idempotent || attempt >= maxAttempts || !FitsBudget(delay, false, options, started, context))
                    throw new TransportFailureException(failure is OperationCanceledException, reason, attempt, failure!);
                await ScheduleAsync(request, context, attempt, maxAttempts, delay, reason, false, waits.Token).ConfigureAwait(false);
            }
        }

        // Waits out a throttle another request was told about, and says so: a silent wait looks like a hang.
        private static async Task WaitAtGateAsync(HttpRequestMessage request, RequestContext context, CancellationToken waits)
        {
            var waited = false;
            try
            {
                await context.Gate.WaitAsync((remaining, reason) =>
                {
                    // The tail of another request's wait (a burst of 429s ends a few ms apart) is not worth a line.
                    if (!waited && remaining < ShortestShownInheritedWait) return;
                    waited = true;
                    ReportWait(request, context, remaining, reason, inherited: true, ended: false);
                }, waits).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.Closing.IsCancellationRequested)
            {
                throw new ConnectionClosedException();
            }
            finally
            {
                if (waited) ReportWait(request, context, TimeSpan.Zero, string.Empty, inherited: true, ended: true);
            }
        }

        private static async Task ScheduleAsync(HttpRequestMessage request, RequestContext context, int attempt, int maxAttempts,
            TimeSpan delay, string reason, bool fromServer, CancellationToken waits)
        {
            context.Observer.OnRetryScheduled(new RetryTrace(
                request.Method.Method, request.RequestUri!, attempt, maxAttempts, delay, reason, fromServer));
            try
            {
                // Cancellable, so Ctrl+C during a long Retry-After stops at once. Long waits are shown as they go.
                if (delay < ShownWait || !(context.Observer is IRinkelWaitObserver))
                {
                    await Task.Delay(delay, waits).ConfigureAwait(false);
                    return;
                }
                var end = DateTime.UtcNow + delay;
                try
                {
                    for (var remaining = delay; remaining > TimeSpan.Zero; remaining = end - DateTime.UtcNow)
                    {
                        ReportWait(request, context, remaining, reason, inherited: false, ended: false);
                        await Task.Delay(remaining < ShownWait ? remaining : ShownWait, waits).ConfigureAwait(false);
                    }
                }
                finally
                {
                    ReportWait(request, context, TimeSpan.Zero, reason, inherited: false, ended: true);
                }
            }
            catch (OperationCanceledException) when (context.Closing.IsCancellationRequested)
            {
                throw new ConnectionClosedException();
            }
        }

        private static void ReportWait(HttpRequestMessage request, RequestContext context, TimeSpan remaining, string reason, bool inherited, bool ended)
        {
            if (context.Observer is IRinkelWaitObserver observer)
                observer.OnWaiting(new WaitTrace(request.Method.Method, request.RequestUri!, remaining, reason, inherited, ended));
        }

        private static bool IsTransient(HttpStatusCode status) =>
            status == (HttpStatusCode)429 || status == HttpStatusCode.BadGateway ||
            status == HttpStatusCode.ServiceUnavailable || status == HttpStatusCode.GatewayTimeout;

        // A Retry-After beyond the budget is not waited out at all: failing now beats failing after the wait.
        private static bool FitsBudget(TimeSpan delay, bool fromServer, RinkelClientOptions options, Stopwatch started, RequestContext context)
        {
            if (started.Elapsed + delay <= options.MaxRetryDuration) return true;
            context.GaveUpBecause = fromServer
                ? $"The API asked to retry after {Seconds(delay)}, beyond the retry budget of {Seconds(options.MaxRetryDuration)}."
                : $"The retry budget of {Seconds(options.MaxRetryDuration)} is spent.";
            return false;
        }

        private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";
    }

    /// <summary>The attempts ran out on timeouts or broken connections; the client turns it into a RinkelApiException.</summary>
    internal sealed class TransportFailureException : Exception
    {
        public TransportFailureException(bool timedOut, string reason, int attempts, Exception inner) : base(reason, inner)
        {
            TimedOut = timedOut;
            Attempts = attempts;
        }

        public bool TimedOut { get; }
        public int Attempts { get; }
    }

    /// <summary>The connection was closed before this request (or its next attempt) could be sent.</summary>
    internal sealed class ConnectionClosedException : Exception
    {
        public ConnectionClosedException() : base("The connection was closed; no further requests are sent with its key.")
        {
        }
    }

    internal sealed class ResponseTooLargeException : Exception
    {
        public ResponseTooLargeException(long maxBytes)
            : base($"The response body is larger than {maxBytes / (1024 * 1024)} MB, far more than any Rinkel API response; it was not read.")
        {
        }
    }
}
