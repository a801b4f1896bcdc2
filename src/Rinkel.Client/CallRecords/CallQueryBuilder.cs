using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Rinkel.Client
{
    /// <summary>
    /// Turns typed filters into the query strings of the call-record and voicemail endpoints (without page and
    /// perPage). Pure: no I/O, no clock except the pinned end it is given.
    /// </summary>
    public static class CallQueryBuilder
    {
        /// <summary>
        /// Longest query (filters only) one request carries: with the base URL and paging well under the 2,000
        /// characters that every proxy on the way accepts. Longer user lists are split into several requests.
        /// </summary>
        public const int MaxQueryLength = 1600;

        private static readonly string[] SortNames = { "date", "duration", "status", "internalNumber", "externalNumber", "user" };

        /// <summary>
        /// The queries of one call-record listing: one, or one per batch of users when the user list would make the
        /// query too long. <paramref name="pinnedEnd"/> (when given) becomes endDate if the filter sets neither an end
        /// nor a date preset, so calls that end while a newest-first listing runs cannot shift its pages.
        /// </summary>
        public static IReadOnlyList<string> ForCallRecords(CallRecordFilter filter, DateTimeOffset? pinnedEnd = null) =>
            CallRecordBatches(filter, pinnedEnd).Select(q => q.ToString()).ToList();

        /// <summary>As <see cref="ForVoicemails"/>, as name/value pairs for the listing engine.</summary>
        internal static IReadOnlyList<KeyValuePair<string, string>> VoicemailPairs(VoicemailFilter filter, DateTimeOffset? pinnedEnd) =>
            BuildVoicemails(filter, pinnedEnd).Pairs;

        /// <summary>As <see cref="ForCallRecords"/>, one list of name/value pairs per request batch.</summary>
        internal static IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> CallRecordPairs(CallRecordFilter filter, DateTimeOffset? pinnedEnd) =>
            CallRecordBatches(filter, pinnedEnd).Select(q => (IReadOnlyList<KeyValuePair<string, string>>)q.Pairs).ToList();

        private static List<Query> CallRecordBatches(CallRecordFilter filter, DateTimeOffset? pinnedEnd)
        {
            if (filter is null) throw new ArgumentNullException(nameof(filter));
            CheckRange(filter.Start, filter.End, filter.MinDuration, filter.MaxDuration);
            var common = new Query();
            common.Add("filter", filter.Text);
            common.AddAll("internalNumber", filter.InternalNumbers, upper: false);
            common.Add("externalNumber", filter.ExternalNumber);
            common.AddAll("direction", filter.Directions, upper: true);
            common.AddAll("status", filter.Statuses, upper: true);
            common.AddAll("sentiment", filter.Sentiments, upper: true);
            AddDates(common, filter.DatePresets, filter.Start, filter.End, pinnedEnd);
            common.AddAll("durationPreset", filter.DurationPresets, upper: true);
            if (filter.MinDuration is CallDuration min) common.Add("minDuration", min.ToString());
            if (filter.MaxDuration is CallDuration max) common.Add("maxDuration", max.ToString());
            common.Add("hasContact", filter.HasContact);
            common.Add("isAnonymous", filter.IsAnonymous);
            common.Add("hasInsights", filter.HasInsights);
            common.Add("hasNotes", filter.HasNotes);
            common.Add("contactLookup", filter.ContactLookup);
            if (!string.IsNullOrWhiteSpace(filter.Sort)) common.Add("sort", SortName(filter.Sort!));
            AddOrder(common, filter.Descending);

            var users = filter.Users.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u.Trim()).Distinct(StringComparer.Ordinal).ToList();
            if (users.Count == 0) return new List<Query> { common };

            // Each batch repeats the common filters and takes as many users as fit.
            var batches = new List<Query>();
            var batch = common.Clone();
            var inBatch = 0;
            foreach (var user in users)
            {
                if (inBatch > 0 && batch.Length + 1 + Query.Pair("user", user).Length > MaxQueryLength)
                {
                    batches.Add(batch);
                    batch = common.Clone();
                    inBatch = 0;
                }
                batch.Add("user", user);
                inBatch++;
            }
            batches.Add(batch);
            return batches;
        }

        /// <summary>The query of a voicemail listing. <see cref="VoicemailFilter.New"/> with any other filter is an ArgumentException.</summary>
        public static string ForVoicemails(VoicemailFilter filter, DateTimeOffset? pinnedEnd = null) =>
            BuildVoicemails(filter, pinnedEnd).ToString();

        private static Query BuildVoicemails(VoicemailFilter filter, DateTimeOffset? pinnedEnd)
        {
            if (filter is null) throw new ArgumentNullException(nameof(filter));
            var query = new Query();
            if (filter.New is bool isNew)
            {
                var others = OtherVoicemailFilters(filter);
                if (others.Count > 0)
                    throw new ArgumentException(
                        $"The API ignores every other voicemail filter when 'new' is used, so New cannot be combined with {string.Join(", ", others)}. Filter the unplayed voicemails afterwards instead (for example with Where-Object).",
                        nameof(filter));
                query.Add("new", isNew);
                return query;
            }

            CheckRange(filter.Start, filter.End, null, null);
            query.AddAll("internalNumber", filter.InternalNumbers, upper: false);
            query.Add("externalNumber", filter.ExternalNumber);
            AddDates(query, filter.DatePresets, filter.Start, filter.End, pinnedEnd);
            query.Add("hasNotes", filter.HasNotes);
            query.Add("isAnonymous", filter.IsAnonymous);
            query.Add("contactLookup", filter.ContactLookup);
            AddOrder(query, filter.Descending);
            return query;
        }

        /// <summary>Unix seconds of a DateTime: local and unspecified kinds are local time.</summary>
        public static long UnixSeconds(DateTime value)
        {
            var utc = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
            return (long)Math.Floor((utc - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds);
        }

        /// <summary>The API's spelling of a sort field, whatever the casing given; unknown names pass through.</summary>
        public static string SortName(string sort)
        {
            var trimmed = sort.Trim();
            foreach (var name in SortNames)
                if (string.Equals(name, trimmed, StringComparison.OrdinalIgnoreCase)) return name;
            return trimmed;
        }

        private static List<string> OtherVoicemailFilters(VoicemailFilter f)
        {
            var names = new List<string>();
            if (f.InternalNumbers.Count > 0) names.Add("InternalNumber");
            if (!string.IsNullOrEmpty(f.ExternalNumber)) names.Add("ExternalNumber");
            if (f.DatePresets.Count > 0) names.Add("DatePreset");
            if (f.Start.HasValue) names.Add("Start");
            if (f.End.HasValue) names.Add("End");
            if (f.HasNotes.HasValue) names.Add("HasNotes");
            if (f.IsAnonymous.HasValue) names.Add("IsAnonymous");
            if (f.ContactLookup.HasValue) names.Add("ContactLookup");
            if (f.Descending.HasValue) names.Add("sort order");
            return names;
        }

        private static void CheckRange(DateTime? start, DateTime? end, CallDuration? min, CallDuration? max)
        {
            if (start.HasValue && end.HasValue && UnixSeconds(start.Value) > UnixSeconds(end.Value))
                throw new ArgumentException($"The start ({start.Value.ToString("u", CultureInfo.InvariantCulture)}) is after the end ({end.Value.ToString("u", CultureInfo.InvariantCulture)}): no call can match.");
            if (min.HasValue && max.HasValue && min.Value > max.Value)
                throw new ArgumentException($"The minimum duration ({min.Value.TotalSeconds} s) is longer than the maximum ({max.Value.TotalSeconds} s): no call can match.");
        }

        private static void AddDates(Query query, IList<string> presets, DateTime? start, DateTime? end, DateTimeOffset? pinnedEnd)
        {
            query.AddAll("datePreset", presets, upper: true);
            if (start is DateTime s) query.Add("startDate", UnixSeconds(s).ToString(CultureInfo.InvariantCulture));
            if (end is DateTime e) query.Add("endDate", UnixSeconds(e).ToString(CultureInfo.InvariantCulture));
            else if (pinnedEnd is DateTimeOffset pin && presets.Count == 0)
                query.Add("endDate", pin.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }

        private static void AddOrder(Query query, bool? descending)
        {
            if (descending is bool d) query.Add("sortOrder", d ? "DESC" : "ASC");
        }

        private sealed class Query
        {
            public List<KeyValuePair<string, string>> Pairs { get; } = new List<KeyValuePair<string, string>>();

            public int Length { get; private set; }

            // Escaped as the listing engine escapes them, so the text here is the text on the wire.
            public static string Pair(string name, string value) => Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value);

            public void Add(string name, string? value)
            {
                if (string.IsNullOrEmpty(value)) return;
                Length += (Pairs.Count > 0 ? 1 : 0) + Pair(name, value!).Length;
                Pairs.Add(new KeyValuePair<string, string>(name, value!));
            }

            public void Add(string name, bool? value)
            {
                if (value is bool b) Add(name, b ? "true" : "false");
            }

            public void AddAll(string name, IEnumerable<string> values, bool upper)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var raw in values)
                {
                    if (string.IsNullOrWhiteSpace(raw)) continue;
                    var value = upper ? raw.Trim().ToUpperInvariant() : raw.Trim();
                    if (seen.Add(value)) Add(name, value);
                }
            }

            public Query Clone()
            {
                var copy = new Query();
                foreach (var pair in Pairs) copy.Add(pair.Key, pair.Value);
                return copy;
            }

            public override string ToString() => string.Join("&", Pairs.Select(p => Pair(p.Key, p.Value)));
        }
    }
}
