using System;
using System.Threading;
using System.Threading.Tasks;
using Rinkel.Client.Json;

namespace Rinkel.Client
{
    /// <summary>The single-resource calls of the call history: a record by id or by call id, and the unplayed voicemail count.</summary>
    public static class CallRecordRequests
    {
        /// <summary>
        /// How long to wait before each new try when a call id is not found yet: a record appears a few seconds after
        /// its call ended, and webhooks arrive sooner than that.
        /// </summary>
        public static readonly TimeSpan[] DefaultCallIdWaits = { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3) };

        /// <summary>Gets one call detail record. An unknown id is a <see cref="RinkelApiException"/> of kind NotFound.</summary>
        public static Task<CallRecord> GetCallRecordAsync(this RinkelClient client, string id, IRinkelObserver? observer, CancellationToken cancellationToken) =>
            client.GetAsync(RinkelResources.CallRecords, id, observer, cancellationToken);

        /// <summary>
        /// Gets the record of a call by the call id webhooks carry. A 404 is retried after each of
        /// <paramref name="waits"/> (default <see cref="DefaultCallIdWaits"/>) before it is reported.
        /// </summary>
        public static async Task<CallRecord> GetCallRecordByCallIdAsync(this RinkelClient client, string callId, bool includeDetails,
            IRinkelObserver? observer, CancellationToken cancellationToken, TimeSpan[]? waits = null)
        {
            var segment = Segment(callId, "call id", nameof(callId));
            var relative = "call-detail-records/by-call-id/" + segment + (includeDetails ? "?includeDetails=true" : string.Empty);
            waits ??= DefaultCallIdWaits;
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    var response = await client.SendAsync(relative, observer, cancellationToken).ConfigureAwait(false);
                    return ResponseReader.ReadSingle(response, RinkelResources.CallRecords);
                }
                catch (RinkelApiException ex) when (ex.Kind == RinkelErrorKind.NotFound && attempt < waits.Length)
                {
                    (observer ?? NullRinkelObserver.Instance).OnRetryScheduled(new RetryTrace("GET", ex.RequestUri,
                        attempt + 1, waits.Length + 1, waits[attempt], "the call's record was not found yet (records appear a few seconds after a call ends)", false));
                    await Task.Delay(waits[attempt], cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>How many voicemails nobody has played yet (<c>GET /voicemails/new-count</c>).</summary>
        public static async Task<long> GetNewVoicemailCountAsync(this RinkelClient client, IRinkelObserver? observer, CancellationToken cancellationToken)
        {
            var response = await client.SendAsync("voicemails/new-count", observer, cancellationToken).ConfigureAwait(false);
            var body = ResponseReader.Read(response, WireContract.VoicemailCountEnvelope);
            if (body.Data?.Count is long count && count >= 0) return count;
            throw Invalid(response, "The API returned a voicemail count without a \"data.count\" number.");
        }

        private static string Segment(string value, string what, string parameter)
        {
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"The {what} is empty.", parameter);
            // "." and ".." would be collapsed by URI resolution into another route (see PathSegment).
            if (value == "." || value == "..") throw new ArgumentException($"'{value}' is not a {what}.", parameter);
            return PathSegment.Escape(value);
        }

        private static RinkelApiException Invalid(ApiResponse response, string explanation) =>
            new RinkelApiException(RinkelErrorKind.InvalidResponse, response.Method, response.Uri, (int)response.Status,
                response.Reason, null, null, null, response.Attempts, explanation);
    }
}
