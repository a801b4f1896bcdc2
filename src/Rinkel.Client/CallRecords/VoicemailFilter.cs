using System;
using System.Collections.Generic;

namespace Rinkel.Client
{
    /// <summary>
    /// The filters of <c>GET /voicemails</c>: a subset of the call-record filters, plus <see cref="New"/>. When
    /// <see cref="New"/> is set the API ignores every other filter, so <see cref="CallQueryBuilder"/> refuses the mix
    /// instead of letting filters silently drop.
    /// </summary>
    public sealed class VoicemailFilter : ICallHistoryFilter
    {
        public IList<string> InternalNumbers { get; } = new List<string>();

        public string? ExternalNumber { get; set; }

        public IList<string> DatePresets { get; } = new List<string>();

        public DateTime? Start { get; set; }

        public DateTime? End { get; set; }

        public bool? HasNotes { get; set; }

        public bool? IsAnonymous { get; set; }

        public bool? ContactLookup { get; set; }

        /// <summary>True: <c>sortOrder=DESC</c>; false: <c>ASC</c>; null: the API's default (newest first).</summary>
        public bool? Descending { get; set; }

        /// <summary>True: unplayed voicemails only; false: played ones only. Excludes every other filter.</summary>
        public bool? New { get; set; }

        public long Skip { get; set; }

        public long? First { get; set; }
    }
}
