using System;

namespace Rinkel
{
    /// <summary>The recording of a call. Rinkel keeps recordings 90 days: archive them before <see cref="AvailableUntil"/>.</summary>
    public sealed class CallRecording
    {
        public string? Id { get; set; }
        /// <summary>Local time after which the recording is deleted.</summary>
        public DateTime? AvailableUntil { get; set; }
        /// <summary>Where to play it; treat as opaque (it may carry a token and lack /v1).</summary>
        public string? PlayUrl { get; set; }

        public override string ToString() => PlayUrl ?? Id ?? string.Empty;
    }
}
