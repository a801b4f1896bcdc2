using System;
using System.Collections.Generic;
using System.Linq;

namespace Rinkel
{
    /// <summary>
    /// What a number does with a call. Only its first parts are documented, so those are typed and every other part
    /// (greeting, forwarding, voice menu, caller id, whatever the API adds) is kept as its JSON text in
    /// <see cref="OtherParts"/>; <see cref="Json"/> holds the whole plan exactly as the API sent it, so nothing is lost.
    /// </summary>
    public sealed class DialPlan
    {
        public DialPlanAnnouncement? Announcement { get; set; }
        public DialPlanBusinessHours? BusinessHours { get; set; }
        public DialPlanCallRecording? CallRecording { get; set; }

        /// <summary>The parts without a typed property, by their API name, each as its JSON text.</summary>
        public IDictionary<string, string> OtherParts { get; set; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The whole dial plan as JSON text (ConvertFrom-Json reads it).</summary>
        public string? Json { get; set; }

        // A CSV cell and a list view show what is switched on, in words, never a type name.
        public override string ToString()
        {
            var parts = new List<string>(4);
            Text.AddPair(parts, "Announcement", Announcement?.ToString());
            Text.AddPair(parts, "BusinessHours", BusinessHours?.ToString());
            Text.AddPair(parts, "CallRecording", CallRecording?.ToString());
            if (OtherParts.Count > 0) parts.Add("Also: " + string.Join(", ", OtherParts.Keys.OrderBy(k => k, StringComparer.Ordinal)));
            return string.Join("; ", parts);
        }
    }

    /// <summary>A recording played to every caller before anything else.</summary>
    public sealed class DialPlanAnnouncement
    {
        public bool? Enabled { get; set; }
        /// <summary>The recording played (pipe to Get-RinkelRecording).</summary>
        public string? RecordingId { get; set; }

        public override string ToString() => Text.OnOff(Enabled) ?? string.Empty;
    }

    /// <summary>Opening hours; outside them calls follow the after-hours route.</summary>
    public sealed class DialPlanBusinessHours
    {
        public bool? Enabled { get; set; }
        public BusinessHoursDay[]? Schedule { get; set; }

        public override string ToString()
        {
            var state = Text.OnOff(Enabled) ?? string.Empty;
            if (Schedule == null || Schedule.Length == 0) return state;
            return state + " (" + string.Join(" ", Schedule.Select(d => d.Day).Where(d => !string.IsNullOrEmpty(d))) + ")";
        }
    }

    /// <summary>One day of the business hours: the documented day name, and the rest of the entry as JSON text.</summary>
    public sealed class BusinessHoursDay
    {
        /// <summary><c>sun</c> .. <c>sat</c>.</summary>
        public string? Day { get; set; }
        /// <summary>The whole entry as the API sent it (hours and whatever else it holds).</summary>
        public string? Json { get; set; }

        public override string ToString() => Json ?? Day ?? string.Empty;
    }

    /// <summary>Whether calls on the number are recorded, and the announcement that says so.</summary>
    public sealed class DialPlanCallRecording
    {
        public bool? Enabled { get; set; }
        public string? AnnouncementRecordingId { get; set; }

        public override string ToString() => Text.OnOff(Enabled) ?? string.Empty;
    }
}
