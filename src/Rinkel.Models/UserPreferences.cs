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

        /// <summary><c>Language=nl; DefaultCountryCode=NL; ColorMode=light; DefaultOutboundNumber=64b8...</c> (an id). Webphone has its own list entry.</summary>
        public override string ToString()
        {
            var parts = new List<string>(4);
            Text.AddPair(parts, nameof(Language), Language);
            Text.AddPair(parts, nameof(DefaultCountryCode), DefaultCountryCode);
            Text.AddPair(parts, nameof(ColorMode), ColorMode);
            Text.AddPair(parts, nameof(DefaultOutboundNumber), DefaultOutboundNumber);
            return Text.Join(parts);
        }
    }
}
