using System;
using System.Collections.Generic;

namespace Rinkel.Client
{
    /// <summary>
    /// Receives what one call does on the wire. Calls may arrive on any thread; a PowerShell cmdlet marshals
    /// them to its pipeline thread. Nothing passed here contains the API key.
    /// </summary>
    public interface IRinkelObserver
    {
        /// <summary>One HTTP attempt finished (with a response or an exception).</summary>
        void OnRequestCompleted(RequestTrace trace);

        /// <summary>A failed attempt will be retried after <see cref="RetryTrace.Delay"/>.</summary>
        void OnRetryScheduled(RetryTrace trace);

        /// <summary>Something the caller should know but that does not fail the call.</summary>
        void OnWarning(string message);

        /// <summary>A listing advanced: <paramref name="received"/> items so far of <paramref name="total"/>, when the API said.</summary>
        void OnListingProgress(long received, long? total);
    }

    public sealed class RequestTrace
    {
        public RequestTrace(string method, Uri uri, int attempt, int? statusCode, string? reasonPhrase, TimeSpan elapsed,
            long? contentLength, IReadOnlyList<KeyValuePair<string, string>> responseHeaders, string? failure)
        {
            Method = method;
            Uri = uri;
            Attempt = attempt;
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            Elapsed = elapsed;
            ContentLength = contentLength;
            ResponseHeaders = responseHeaders;
            Failure = failure;
        }

        public string Method { get; }
        public Uri Uri { get; }
        /// <summary>1 for the first attempt, 2 for the first retry, ...</summary>
        public int Attempt { get; }
        public int? StatusCode { get; }
        public string? ReasonPhrase { get; }
        /// <summary>Time until the whole response was read.</summary>
        public TimeSpan Elapsed { get; }
        public long? ContentLength { get; }
        public IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders { get; }
        /// <summary>Why the attempt produced no response (timeout, reset), or null.</summary>
        public string? Failure { get; }
    }

    public sealed class RetryTrace
    {
        public RetryTrace(string method, Uri uri, int failedAttempt, int maxAttempts, TimeSpan delay, string reason, bool fromRetryAfter)
        {
            Method = method;
            Uri = uri;
            FailedAttempt = failedAttempt;
            MaxAttempts = maxAttempts;
            Delay = delay;
            Reason = reason;
            FromRetryAfter = fromRetryAfter;
        }

        public string Method { get; }
        public Uri Uri { get; }
        public int FailedAttempt { get; }
        public int MaxAttempts { get; }
        public TimeSpan Delay { get; }
        public string Reason { get; }
        /// <summary>Whether the delay came from the server's Retry-After header rather than backoff.</summary>
        public bool FromRetryAfter { get; }
    }

    /// <summary>The observer that drops everything, for callers that do not trace.</summary>
    public sealed class NullRinkelObserver : IRinkelObserver
    {
        public static readonly NullRinkelObserver Instance = new NullRinkelObserver();
        private NullRinkelObserver() { }
        public void OnRequestCompleted(RequestTrace trace) { }
        public void OnRetryScheduled(RetryTrace trace) { }
        public void OnWarning(string message) { }
        public void OnListingProgress(long received, long? total) { }
    }
}
