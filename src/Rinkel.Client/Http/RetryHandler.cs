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

            for (var attempt = 1; ; attempt++)
            {
                context.Attempts = attempt;
                await context.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);

                string reason;
                TimeSpan? serverDelay = null;
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
                        reason = (int)response.StatusCode + " " + response.ReasonPhrase;
                        serverDelay = RetryAfter.From(response, DateTimeOffset.UtcNow);
                        var throttled = response.StatusCode == (HttpStatusCode)429;
                        var wait = serverDelay ?? Backoff.Delay(attempt, options);
                        if (!FitsBudget(wait, serverDelay.HasValue, options, started, context)) return response;
                        // Told to wait (a 429, or any status with Retry-After): the whole connection waits with this
                        // request. Only once the wait is certain: a wait beyond the budget is given up on, and it
                        // must not stall the caller's next call for up to an hour either.
                        if (throttled || serverDelay.HasValue) context.Gate.Block(wait);
                        response.Dispose();
                        await ScheduleAsync(request, context, attempt, maxAttempts, wait, reason, serverDelay.HasValue, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        response?.Dispose();
                        reason = "no response within " + Seconds(options.Timeout);
                        failure = ex;
                    }
                    catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
                    {
                        response?.Dispose();
                        reason = FailureText.Describe(ex);
                        failure = ex;
                    }
                    catch
                    {
                        response?.Dispose();
                        throw;
                    }
                }

                var backoff = Backoff.Delay(attempt, options);
                if (!idempotent || attempt >= maxAttempts || !FitsBudget(backoff, false, options, started, context))
                    throw new TransportFailureException(failure is OperationCanceledException, reason, attempt, failure!);
                await ScheduleAsync(request, context, attempt, maxAttempts, backoff, reason, false, cancellationToken).ConfigureAwait(false);
            }
        }

        private static Task ScheduleAsync(HttpRequestMessage request, RequestContext context, int attempt, int maxAttempts,
            TimeSpan delay, string reason, bool fromServer, CancellationToken cancellationToken)
        {
            context.Observer.OnRetryScheduled(new RetryTrace(
                request.Method.Method, request.RequestUri!, attempt, maxAttempts, delay, reason, fromServer));
            // Cancellable, so Ctrl+C during a long Retry-After stops at once.
            return Task.Delay(delay, cancellationToken);
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

    internal sealed class ResponseTooLargeException : Exception
    {
        public ResponseTooLargeException(long maxBytes)
            : base($"The response body is larger than {maxBytes / (1024 * 1024)} MB, far more than any Rinkel API response; it was not read.")
        {
        }
    }
}
