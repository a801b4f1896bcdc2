using System;
using System.Collections.Generic;
using System.Linq;

namespace Rinkel.Client
{
    /// <summary>
    /// Starts call-record and voicemail listings on the generic listing engine. The end of the listing is pinned to
    /// the moment it starts (unless the filter names an end or a date preset), so calls that end while a newest-first
    /// listing runs do not enter it and shift its pages.
    /// </summary>
    public static class CallHistoryListings
    {
        /// <summary>
        /// One listing per batch of users (one listing when the filter names few or no users); read them one after
        /// another. <see cref="CallRecordFilter.Skip"/> and <see cref="CallRecordFilter.First"/> apply to the first
        /// batch; <see cref="ListCallRecordBatch"/> continues with what is left.
        /// </summary>
        public static int CountCallRecordBatches(CallRecordFilter filter) =>
            CallQueryBuilder.CallRecordPairs(filter, null).Count;

        /// <summary>Starts the listing of batch <paramref name="batch"/> of <paramref name="filter"/> with the given paging.</summary>
        public static Listing<CallRecord> ListCallRecordBatch(this RinkelClient client, CallRecordFilter filter, int batch, long skip, long? first,
            DateTimeOffset pinnedEnd, IRinkelObserver? observer)
        {
            var batches = CallQueryBuilder.CallRecordPairs(filter, pinnedEnd);
            if (batch < 0 || batch >= batches.Count) throw new ArgumentOutOfRangeException(nameof(batch), batch, $"The filter makes {batches.Count} batch(es).");
            return client.List(RinkelResources.CallRecords, Options(batches[batch], skip, first, filter.DatePresets.Count > 0), observer);
        }

        /// <summary>Starts a call-record listing of a filter without users, or with few enough for one request.</summary>
        public static Listing<CallRecord> ListCallRecords(this RinkelClient client, CallRecordFilter filter, IRinkelObserver? observer)
        {
            var batches = CallQueryBuilder.CallRecordPairs(filter, Now());
            if (batches.Count > 1)
                throw new ArgumentException($"The filter names {filter.Users.Count} users, more than one request can carry; list them batch by batch with ListCallRecordBatch.", nameof(filter));
            return client.List(RinkelResources.CallRecords, Options(batches.Single(), filter.Skip, filter.First, filter.DatePresets.Count > 0), observer);
        }

        /// <summary>Starts a voicemail listing. New combined with another filter is an ArgumentException (the API would drop them).</summary>
        public static Listing<CallRecord> ListVoicemails(this RinkelClient client, VoicemailFilter filter, IRinkelObserver? observer)
        {
            var query = CallQueryBuilder.VoicemailPairs(filter, Now());
            return client.List(RinkelResources.Voicemails, Options(query, filter.Skip, filter.First, filter.DatePresets.Count > 0 || filter.New.HasValue), observer);
        }

        // A date preset (or voicemails' "new") makes the API ignore endDate, so the end cannot be pinned and calls that
        // end meanwhile shift the pages: those listings read one page after another, where repeats are dropped and
        // nothing can fall between two pages. Pinned listings keep the concurrent window.
        private static CallRecordListOptions Options(IReadOnlyList<KeyValuePair<string, string>> query, long skip, long? first, bool unpinned) =>
            new CallRecordListOptions(query, skip, first) { MaxConcurrentPages = unpinned ? 1 : (int?)null };

        /// <summary>
        /// The pinned end: the current second minus one, so a call dated within the second the listing starts (which the
        /// API's second-granular, inclusive endDate would still admit later) cannot slip in halfway.
        /// </summary>
        public static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1);
    }
}
