using System;
using System.Collections.Generic;

namespace Rinkel.Client
{
    /// <summary>
    /// The filters <c>GET /call-detail-records</c> and <c>GET /voicemails</c> share, so that whoever fills them from
    /// user input (the cmdlets) does it in one place for both.
    /// </summary>
    public interface ICallHistoryFilter
    {
        /// <summary>Number ids (<c>internalNumber</c>).</summary>
        IList<string> InternalNumbers { get; }

        string? ExternalNumber { get; set; }

        /// <summary><c>TODAY</c>, <c>THIS-WEEK</c>, <c>LAST-TWO-WEEKS</c>, <c>LAST-MONTH</c>. The API then ignores Start and End.</summary>
        IList<string> DatePresets { get; }

        DateTime? Start { get; set; }

        DateTime? End { get; set; }

        bool? HasNotes { get; set; }

        bool? IsAnonymous { get; set; }

        bool? ContactLookup { get; set; }
    }
}
