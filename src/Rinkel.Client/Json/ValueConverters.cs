using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rinkel.Client.Json
{
    /// <summary>
    /// Reads the API's UTC timestamps as local DateTime values: PowerShell compares DateTime values without looking at
    /// their Kind, so a UTC value against Get-Date (local) would be off by the UTC offset. Unix seconds or
    /// milliseconds are read too, in case a beta endpoint sends numbers.
    /// </summary>
    /// <remarks>Same rules as d12's LocalDateTimeConverter for call records; keep one of the two when both are merged.</remarks>
    internal sealed class ApiTimestampConverter : JsonConverter<DateTime?>
    {
        public override bool HandleNull => true;

        public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.Number when reader.TryGetInt64(out var unix):
                    var utc = unix > 100_000_000_000L ? DateTimeOffset.FromUnixTimeMilliseconds(unix) : DateTimeOffset.FromUnixTimeSeconds(unix);
                    return utc.LocalDateTime;
                case JsonTokenType.String:
                    var text = reader.GetString();
                    if (string.IsNullOrEmpty(text)) return null;
                    if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
                        return value.LocalDateTime;
                    throw new JsonException($"'{text}' is not a date and time.");
                default:
                    throw new JsonException($"Expected a date and time, found {reader.TokenType}.");
            }
        }

        public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
        {
            if (value is DateTime d) writer.WriteStringValue(d.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            else writer.WriteNullValue();
        }
    }

    /// <summary>Reads a length in seconds (a number, or a numeric string from a looser endpoint) as a TimeSpan.</summary>
    internal sealed class SecondsConverter : JsonConverter<TimeSpan?>
    {
        public override bool HandleNull => true;

        public override TimeSpan? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.Number when reader.TryGetDouble(out var seconds) && seconds >= 0 && seconds < int.MaxValue:
                    return TimeSpan.FromSeconds(Math.Round(seconds, 3));
                case JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 && parsed < int.MaxValue:
                    return TimeSpan.FromSeconds(Math.Round(parsed, 3));
                default:
                    throw new JsonException("Expected a length in seconds.");
            }
        }

        public override void Write(Utf8JsonWriter writer, TimeSpan? value, JsonSerializerOptions options)
        {
            if (value is TimeSpan span) writer.WriteNumberValue(span.TotalSeconds);
            else writer.WriteNullValue();
        }
    }
}
