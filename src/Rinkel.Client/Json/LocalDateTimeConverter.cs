using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rinkel.Client.Json
{
    /// <summary>
    /// Reads the API's UTC timestamps as local DateTime values. PowerShell compares DateTime values without looking
    /// at their Kind, so a UTC value against Get-Date (local) would be off by the UTC offset; local values are not.
    /// Also reads unix seconds or milliseconds, in case a beta endpoint sends numbers.
    /// </summary>
    internal sealed class LocalDateTimeConverter : JsonConverter<DateTime?>
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

    /// <summary>Reads a duration in seconds (a number, or a numeric string from a looser endpoint).</summary>
    internal sealed class CallDurationConverter : JsonConverter<CallDuration>
    {
        public override CallDuration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                if (reader.TryGetInt32(out var seconds) && seconds >= 0) return new CallDuration(seconds);
                if (reader.TryGetDouble(out var fractional) && fractional >= 0 && fractional <= int.MaxValue) return new CallDuration((int)Math.Round(fractional));
            }
            else if (reader.TokenType == JsonTokenType.String && CallDuration.TryParse(reader.GetString(), out var parsed))
            {
                return parsed;
            }
            throw new JsonException("Expected a duration in seconds.");
        }

        public override void Write(Utf8JsonWriter writer, CallDuration value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.TotalSeconds);
    }
}
