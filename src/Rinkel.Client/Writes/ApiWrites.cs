using System;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Rinkel.Client.Http;

namespace Rinkel.Client
{
    /// <summary>
    /// How the client changes things. PUT and DELETE are idempotent and the retry handler retries them like reads.
    /// A POST is sent again only once it is known not to have been carried out: the retry handler resends it only
    /// after a 429, and when its outcome is unknown (no answer, a reset, a gateway's 502/503/504) a read checks
    /// whether it took effect before anything is sent again, so a lost answer never creates a thing twice.
    /// </summary>
    internal static class ApiWrites
    {
        private static readonly MediaTypeHeaderValue Json = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

        /// <summary>A JSON request body. Buffered, so the retry handler can send it again.</summary>
        public static HttpContent JsonContent(byte[] body)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            return content;
        }

        /// <summary>
        /// POSTs <paramref name="body"/> to <paramref name="relative"/>. When the answer is lost,
        /// <paramref name="findCarriedOut"/> looks for the result (null: not carried out) before the POST is sent
        /// again; at most MaxRetryCount + 1 POSTs are sent, within MaxRetryDuration.
        /// </summary>
        public static async Task<T> CreateAsync<T>(RinkelClient client, string relative, byte[] body,
            Func<ApiResponse, T> read, Func<CancellationToken, Task<T?>> findCarriedOut,
            IRinkelObserver observer, CancellationToken cancellationToken) where T : class
        {
            var options = client.Options;
            var maxSends = options.MaxRetryCount + 1;
            var started = Stopwatch.StartNew();
            var attempts = 0;
            for (var send = 1; ; send++)
            {
                RinkelApiException lost;
                try
                {
                    var response = await client.SendAsync(relative, observer, cancellationToken, HttpMethod.Post, body).ConfigureAwait(false);
                    return read(response);
                }
                catch (RinkelApiException ex) when (IsOutcomeUnknown(ex))
                {
                    lost = ex;
                    attempts += Math.Max(1, ex.Attempts);
                }

                var why = Reason(lost);
                T? found;
                try
                {
                    found = await findCarriedOut(cancellationToken).ConfigureAwait(false);
                }
                catch (RinkelApiException check)
                {
                    throw Unknown(lost, attempts,
                        $"Whether it was carried out is unknown: the check with GET failed too ({check.Message.TrimEnd('.')}). Check before sending it again.", check);
                }
                if (found != null)
                {
                    observer.OnWarning($"{lost.Method} {lost.RequestUri.AbsoluteUri} got {why}, but a check found it was carried out; it was not sent again.");
                    return found;
                }

                var delay = Backoff.Delay(send, options);
                if (send >= maxSends || started.Elapsed + delay > options.MaxRetryDuration)
                    throw Unknown(lost, attempts, "A check with GET after each failure found it was not carried out, so nothing was changed.", null);
                observer.OnRetryScheduled(new RetryTrace(lost.Method, lost.RequestUri, send, maxSends, delay,
                    why + "; a check found it was not carried out", false));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Whether a failed POST may still have been carried out: no answer, a reset, or a gateway that answered for
        /// a backend it lost touch with. A 4xx or a 500 is the API's own answer and final.
        /// </summary>
        internal static bool IsOutcomeUnknown(RinkelApiException ex) =>
            ex.Kind == RinkelErrorKind.Timeout ||
            ex.Kind == RinkelErrorKind.ConnectionFailed ||
            (ex.Kind == RinkelErrorKind.ServerError && ex.StatusCode is int status && (status == 502 || status == 503 || status == 504));

        private static string Reason(RinkelApiException ex) =>
            ex.StatusCode is int status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : ex.InnerException is TransportFailureException transport ? transport.Message
            : ex.Kind == RinkelErrorKind.Timeout ? "no response" : "no answer (the connection failed)";

        private static RinkelApiException Unknown(RinkelApiException lost, int attempts, string outcome, Exception? check) =>
            new RinkelApiException(lost.Kind, lost.Method, lost.RequestUri, lost.StatusCode, null, lost.ErrorCode, lost.ApiMessage,
                lost.Detail, attempts, (lost.StatusCode is null ? Capitalized(Reason(lost)) + ". " : string.Empty) + outcome, check ?? lost);

        private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
