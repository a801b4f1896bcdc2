using System;
using System.Collections.Generic;

namespace Rinkel
{
    /// <summary>The call events a webhook can subscribe to, as the API names them.</summary>
    public static class WebhookEvent
    {
        public const string IncomingCall = "incomingCall";
        public const string OutgoingCall = "outgoingCall";
        public const string CallStart = "callStart";
        public const string CallEnd = "callEnd";
        public const string CallInsights = "callInsights";

        /// <summary>Every documented event, in the order a call produces them.</summary>
        public static IReadOnlyList<string> All { get; } = new[] { IncomingCall, OutgoingCall, CallStart, CallEnd, CallInsights };

        /// <summary>The API's spelling of <paramref name="name"/> (matched case-insensitively), or null when it is not an event.</summary>
        public static string? Canonical(string? name)
        {
            if (name is null) return null;
            foreach (var known in All)
                if (string.Equals(known, name.Trim(), StringComparison.OrdinalIgnoreCase)) return known;
            return null;
        }
    }
}
