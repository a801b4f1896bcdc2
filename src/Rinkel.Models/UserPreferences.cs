using System.Collections.Generic;

namespace Rinkel
{
    public sealed class UserPreferences
    {
        /// <summary>ISO 639-1 language: <c>en</c>, <c>nl</c>, <c>es</c>, <c>sv</c>.</summary>
        public string? Language { get; set; }
        public string? DefaultCountryCode { get; set; }
        /// <summary>Id of the number preselected for outbound calls.</summary>
        public string? DefaultOutboundNumber { get; set; }
        /// <summary><c>light</c>, <c>dark</c> or <c>system</c>.</summary>
        public string? ColorMode { get; set; }
        public WebphonePreferences? Webphone { get; set; }

        public override string ToString()
        {
            var parts = new List<string>(4);
            Text.AddPair(parts, "Language", Language);
            Text.AddPair(parts, "Country", DefaultCountryCode);
            Text.AddPair(parts, "ColorMode", ColorMode);
            Text.AddPair(parts, "OutboundNumber", DefaultOutboundNumber);
            return string.Join("; ", parts);
        }
    }
}
