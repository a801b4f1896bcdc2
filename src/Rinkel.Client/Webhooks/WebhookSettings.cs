using System;

namespace Rinkel.Client
{
    /// <summary>What a webhook subscription should be: the body of a register (POST) or change (PUT).</summary>
    public sealed class WebhookSettings
    {
        public WebhookSettings(string @event, Uri url, WebhookContentType contentType, bool active, string? description)
        {
            Event = WebhookEvent.Canonical(@event) ?? throw new ArgumentException(
                $"'{@event}' is not a webhook event; expected one of {string.Join(", ", WebhookEvent.All)}.", nameof(@event));
            Url = url ?? throw new ArgumentNullException(nameof(url));
            var problem = WebhookUrl.Check(url);
            if (problem != null) throw new ArgumentException(problem, nameof(url));
            ContentType = contentType;
            Active = active;
            Description = description;
        }

        public string Event { get; }
        public Uri Url { get; }
        public WebhookContentType ContentType { get; }
        public bool Active { get; }

        /// <summary>Null leaves it out of the request.</summary>
        public string? Description { get; }

        /// <summary>Whether <paramref name="webhook"/> (as the API lists it) is exactly this.</summary>
        public bool IsMetBy(Webhook webhook) =>
            string.Equals(webhook.Event, Event, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(webhook.Url, Url.AbsoluteUri, StringComparison.Ordinal) &&
            WebhookContentTypes.FromMediaType(webhook.ContentType) == ContentType &&
            (webhook.Active ?? true) == Active &&
            (Description is null || string.Equals(webhook.Description ?? string.Empty, Description, StringComparison.Ordinal));

        /// <summary>The webhook these settings describe, for when the API confirms a write without a body.</summary>
        internal Webhook ToWebhook() => new Webhook
        {
            Event = Event,
            Url = Url.AbsoluteUri,
            ContentType = WebhookContentTypes.ToMediaType(ContentType),
            Active = Active,
            Description = Description,
        };

        public override string ToString() => Event + " -> " + Url.AbsoluteUri;
    }
}
