namespace Rinkel
{
    /// <summary>
    /// A webhook subscription: Rinkel POSTs one call event to <see cref="Url"/>. An account has at most one
    /// subscription per event, so <see cref="Event"/> identifies it.
    /// </summary>
    /// <remarks>
    /// <see cref="Event"/> and <see cref="ContentType"/> are plain strings, as sent: the API is beta and may add
    /// events and formats, and a value the module has never seen must still be listed.
    /// </remarks>
    public sealed class Webhook
    {
        /// <summary>The call event: <c>incomingCall</c>, <c>outgoingCall</c>, <c>callStart</c>, <c>callEnd</c> or <c>callInsights</c>.</summary>
        public string? Event { get; set; }

        /// <summary>The https URL Rinkel delivers the event to.</summary>
        public string? Url { get; set; }

        /// <summary><c>application/json</c> or <c>application/x-www-form-urlencoded</c>, as the API sent it.</summary>
        public string? ContentType { get; set; }

        /// <summary>Whether Rinkel delivers the event now.</summary>
        public bool? Active { get; set; }

        public string? Description { get; set; }

        public override string ToString() => (Event ?? string.Empty) + (Url is null ? string.Empty : " -> " + Url);
    }
}
