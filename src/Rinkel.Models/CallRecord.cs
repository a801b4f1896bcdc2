using System;

namespace Rinkel
{
    /// <summary>A call detail record (one call in the call history), as returned by <c>GET /call-detail-records</c> and <c>GET /voicemails</c>.</summary>
    /// <remarks>
    /// Enum-like fields are strings kept exactly as the API sends them (<c>inbound</c>, <c>MISSED</c>): the API is beta,
    /// its casing differs between filters and responses, and PowerShell's <c>-eq</c> and <c>-in</c> ignore case anyway.
    /// </remarks>
    public sealed class CallRecord
    {
        public string? Id { get; set; }

        /// <summary>The network call id that webhooks carry.</summary>
        public string? CallId { get; set; }

        /// <summary>When the call started, in local time, so it compares directly with Get-Date.</summary>
        public DateTime? Date { get; set; }

        /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
        public string? Direction { get; set; }

        /// <summary><c>ANSWERED</c>, <c>MISSED</c>, <c>VOICEMAIL</c>, <c>ANSWERING_SERVICE</c>; other values pass through.</summary>
        public string? Status { get; set; }

        /// <summary><c>NO_ANSWER</c>, <c>BLOCKED</c>, <c>OUTSIDE_BUSINESS_HOURS</c>, or empty.</summary>
        public string? MissedReason { get; set; }

        public CallExternalNumber? ExternalNumber { get; set; }
        public CallInternalNumber? InternalNumber { get; set; }
        public CallDuration? Duration { get; set; }
        public CallUser? User { get; set; }

        /// <summary>The voice menu key the caller pressed (<c>0</c>..<c>9</c>, <c>*</c>, <c>#</c>).</summary>
        public string? MenuOption { get; set; }

        public CallContact? Contact { get; set; }
        public CallVoicemail? Voicemail { get; set; }
        public CallRecording? CallRecording { get; set; }
        public CallNoteList? Notes { get; set; }
        public CallInsights? Insights { get; set; }

        public override string ToString() => Id ?? CallId ?? string.Empty;
    }
}
