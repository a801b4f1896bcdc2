using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rinkel.Client.Json
{
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
