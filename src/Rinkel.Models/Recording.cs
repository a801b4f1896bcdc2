using System;
using System.Collections.Generic;
using System.Linq;

namespace Rinkel
{
    /// <summary>
    /// Uploaded audio (a greeting, a voice menu, music on hold), as returned by <c>GET /recordings</c> and
    /// <c>GET /recordings/{id}</c>. Save-RinkelAudio downloads its audio.
    /// </summary>
    public sealed class Recording
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        /// <summary>The text spoken, for text-to-speech recordings.</summary>
        public string? Script { get; set; }
        /// <summary>Treat as opaque: it may lack /v1 and may not be playable without the stream endpoint.</summary>
        public string? PlayUrl { get; set; }
        /// <summary>When it was uploaded, in local time.</summary>
        public DateTime? Date { get; set; }
        /// <summary>Length of the audio.</summary>
        public TimeSpan? Duration { get; set; }
        /// <summary>Where the recording is used; empty when nowhere.</summary>
        public RecordingUsage? Usage { get; set; }

        public override string ToString() => Name ?? Id ?? string.Empty;
    }

    /// <summary>The uses of a recording by key (what the API keys them by, e.g. a number's id).</summary>
    public sealed class RecordingUsage : Dictionary<string, RecordingUse[]>
    {
        public RecordingUsage() : base(StringComparer.Ordinal)
        {
        }

        // "key: voiceMenu (dtmf 1), greeting" per key: a CSV cell reads as text, not as a dictionary's type name.
        public override string ToString() =>
            string.Join("; ", this.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Key + ": " + string.Join(", ", (p.Value ?? new RecordingUse[0]).Select(u => u?.ToString() ?? string.Empty))));
    }

    /// <summary>One use: the dial-plan feature (<c>businessHours</c>, <c>callRecording</c>, <c>forwarding</c>, <c>greeting</c>, <c>voiceMenu</c>).</summary>
    public sealed class RecordingUse
    {
        public string? Feature { get; set; }
        public RecordingUseMeta? Meta { get; set; }

        public override string ToString() =>
            (Feature ?? string.Empty) + (string.IsNullOrEmpty(Meta?.Dtmf) ? string.Empty : " (dtmf " + Meta!.Dtmf + ")");
    }

    public sealed class RecordingUseMeta
    {
        /// <summary>The menu key the recording belongs to.</summary>
        public string? Dtmf { get; set; }

        public override string ToString() => Dtmf ?? string.Empty;
    }
}
