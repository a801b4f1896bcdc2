using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rinkel.Client.Json
{
    /// <summary>
    /// Reads a number's dial plan: the documented parts typed, every other part kept as its JSON text, and the whole
    /// plan as text too. Parts of an unexpected shape are kept as text rather than failing the number.
    /// </summary>
    internal sealed class DialPlanConverter : JsonConverter<DialPlan>
    {
        public override DialPlan? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null) return null;
            var plan = new DialPlan { Json = root.GetRawText() };
            if (root.ValueKind != JsonValueKind.Object)
            {
                plan.OtherParts["value"] = root.GetRawText();
                return plan;
            }
            foreach (var part in root.EnumerateObject())
            {
                var value = part.Value;
                var typed = value.ValueKind == JsonValueKind.Object;
                switch (part.Name.ToLowerInvariant())
                {
                    case "announcement" when typed:
                        plan.Announcement = new DialPlanAnnouncement { Enabled = Bool(value, "enabled"), RecordingId = String(value, "recordingId") };
                        break;
                    case "callrecording" when typed:
                        plan.CallRecording = new DialPlanCallRecording { Enabled = Bool(value, "enabled"), AnnouncementRecordingId = String(value, "announcementRecordingId") };
                        break;
                    case "businesshours" when typed:
                        plan.BusinessHours = new DialPlanBusinessHours { Enabled = Bool(value, "enabled"), Schedule = Schedule(value) };
                        break;
                    default:
                        plan.OtherParts[part.Name] = value.GetRawText();
                        break;
                }
            }
            return plan;
        }

        public override void Write(Utf8JsonWriter writer, DialPlan value, JsonSerializerOptions options)
        {
            if (value.Json is string json)
            {
                using var document = JsonDocument.Parse(json);
                document.RootElement.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        private static BusinessHoursDay[]? Schedule(JsonElement hours)
        {
            if (!TryGet(hours, "schedule", out var schedule) || schedule.ValueKind != JsonValueKind.Array) return null;
            var days = new List<BusinessHoursDay>();
            foreach (var entry in schedule.EnumerateArray())
                days.Add(new BusinessHoursDay { Day = entry.ValueKind == JsonValueKind.Object ? String(entry, "day") : null, Json = entry.GetRawText() });
            return days.ToArray();
        }

        private static bool? Bool(JsonElement element, string name) =>
            TryGet(element, name, out var value) && (value.ValueKind == JsonValueKind.True || value.ValueKind == JsonValueKind.False)
                ? value.GetBoolean()
                : (bool?)null;

        private static string? String(JsonElement element, string name) =>
            TryGet(element, name, out var value) ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null => null,
                _ => value.GetRawText(),
            } : null;

        // The API's casing is not a contract: match names case-insensitively, like the rest of the client.
        private static bool TryGet(JsonElement element, string name, out JsonElement value)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
            value = default;
            return false;
        }
    }
}
