using System;
using System.Collections.Generic;

namespace Rinkel.Client
{
    /// <summary>
    /// The filters and sort of <c>GET /call-detail-records</c>. Every member is optional; lists are sent as repeated
    /// query parameters. Enum-like values are sent upper-case whatever their casing here, and values the module does
    /// not know yet are passed through (the API is beta and adds them).
    /// </summary>
    public sealed class CallRecordFilter : ICallHistoryFilter
    {
        /// <summary>Free text (<c>filter</c>).</summary>
        public string? Text { get; set; }

        /// <summary>Number ids (<c>internalNumber</c>).</summary>
        public IList<string> InternalNumbers { get; } = new List<string>();

        public string? ExternalNumber { get; set; }

        /// <summary><c>INBOUND</c>, <c>OUTBOUND</c>.</summary>
        public IList<string> Directions { get; } = new List<string>();

        /// <summary><c>MISSED</c>, <c>ANSWERED</c>, <c>VOICEMAIL</c>.</summary>
        public IList<string> Statuses { get; } = new List<string>();

        /// <summary>User ids (<c>user</c>). A long list is split over several requests (see <see cref="CallQueryBuilder"/>).</summary>
        public IList<string> Users { get; } = new List<string>();

        /// <summary><c>POSITIVE</c>, <c>NEGATIVE</c>, <c>NEUTRAL</c>.</summary>
        public IList<string> Sentiments { get; } = new List<string>();

        /// <summary><c>TODAY</c>, <c>THIS-WEEK</c>, <c>LAST-TWO-WEEKS</c>, <c>LAST-MONTH</c>. The API then ignores Start and End.</summary>
        public IList<string> DatePresets { get; } = new List<string>();

        /// <summary>
        /// Calls from this moment on. Local and unspecified kinds are local time; sent as unix seconds.
        /// </summary>
        public DateTime? Start { get; set; }

        /// <summary>Calls up to this moment (to the whole second, inclusive). Same rules as <see cref="Start"/>.</summary>
        public DateTime? End { get; set; }

        /// <summary><c>1-5</c>, <c>5-15</c>, <c>15-30</c>, <c>30-0</c> (minutes). The API then ignores the min and max duration.</summary>
        public IList<string> DurationPresets { get; } = new List<string>();

        public CallDuration? MinDuration { get; set; }

        public CallDuration? MaxDuration { get; set; }

        public bool? HasContact { get; set; }

        public bool? IsAnonymous { get; set; }

        public bool? HasInsights { get; set; }

        public bool? HasNotes { get; set; }

        public bool? ContactLookup { get; set; }

        /// <summary><c>date</c> (the API's default), <c>duration</c>, <c>status</c>, <c>internalNumber</c>, <c>externalNumber</c>, <c>user</c>.</summary>
        public string? Sort { get; set; }

        /// <summary>True: <c>sortOrder=DESC</c>; false: <c>ASC</c>; null: the API's default (newest first).</summary>
        public bool? Descending { get; set; }

        /// <summary>Records to pass over before the first one returned.</summary>
        public long Skip { get; set; }

        /// <summary>Most records to return; null for all.</summary>
        public long? First { get; set; }
    }
}
