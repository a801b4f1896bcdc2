using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Rinkel.Client.Json;

namespace Rinkel.Client
{
    /// <summary>
    /// The webhook calls: list, register (POST), change (PUT), unregister (DELETE) and test. An account has at most one
    /// subscription per event, so the event names it in every path.
    /// </summary>
    public static class RinkelWebhooks
    {
        /// <summary>Starts a listing of every webhook subscription.</summary>
        public static Listing<Webhook> ListWebhooks(this RinkelClient client, IRinkelObserver? observer) =>
            client.List(RinkelResources.Webhooks, new ListingOptions(), observer);

        /// <summary>Every webhook subscription, read to the end.</summary>
        public static async Task<IReadOnlyList<Webhook>> GetWebhooksAsync(this RinkelClient client, IRinkelObserver? observer, CancellationToken cancellationToken)
        {
            var all = new List<Webhook>();
            using (var listing = client.ListWebhooks(observer))
            {
                IReadOnlyList<Webhook>? page;
                while ((page = await listing.ReadNextPageAsync(cancellationToken).ConfigureAwait(false)) != null) all.AddRange(page);
            }
            return all;
        }

        /// <summary>The subscription for <paramref name="event"/>, or null when there is none.</summary>
        public static async Task<Webhook?> FindWebhookAsync(this RinkelClient client, string @event, IRinkelObserver? observer, CancellationToken cancellationToken)
        {
            foreach (var webhook in await client.GetWebhooksAsync(observer, cancellationToken).ConfigureAwait(false))
                if (string.Equals(webhook.Event, @event, StringComparison.OrdinalIgnoreCase)) return webhook;
            return null;
        }

        /// <summary>
        /// Subscribes to an event (POST /webhooks/{event}). An answer lost on the way is checked with a listing before
        /// the POST is sent again, so it never registers twice. An existing subscription is a 409 from the API.
        /// </summary>
        public static Task<Webhook> RegisterWebhookAsync(this RinkelClient client, WebhookSettings settings, IRinkelObserver? observer, CancellationToken cancellationToken)
        {
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            var trace = observer ?? NullRinkelObserver.Instance;
            return ApiWrites.CreateAsync(client, PathOf(settings.Event), Body(settings, withActive: true),
                response => ReadWritten(response, settings, trace),
                async ct =>
                {
                    var existing = await client.FindWebhookAsync(settings.Event, trace, ct).ConfigureAwait(false);
                    return existing != null && settings.IsMetBy(existing) ? existing : null;
                },
                trace, cancellationToken);
        }

        /// <summary>Replaces a subscription's settings (PUT /webhooks/{event}); idempotent, so retried like a read.</summary>
        public static async Task<Webhook> SetWebhookAsync(this RinkelClient client, WebhookSettings settings, IRinkelObserver? observer, CancellationToken cancellationToken)
        {
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            var trace = observer ?? NullRinkelObserver.Instance;
            var response = await client.SendAsync(PathOf(settings.Event), trace, cancellationToken, HttpMethod.Put, Body(settings, withActive: true)).ConfigureAwait(false);
            return ReadWritten(response, settings, trace);
        }

        /// <summary>Ends the subscription to <paramref name="event"/> (DELETE /webhooks/{event}).</summary>
        public static async Task UnregisterWebhookAsync(this RinkelClient client, string @event, IRinkelObserver? observer, CancellationToken cancellationToken) =>
            await client.SendAsync(PathOf(@event), observer, cancellationToken, HttpMethod.Delete).ConfigureAwait(false);

        /// <summary>Asks Rinkel to deliver a test event to <paramref name="url"/> (POST /webhooks/{event}/test).</summary>
        /// <remarks>A POST: resent only after a 429. A lost answer is reported rather than resent, since each send delivers an event.</remarks>
        public static async Task TestWebhookAsync(this RinkelClient client, string @event, Uri url, WebhookContentType contentType, IRinkelObserver? observer, CancellationToken cancellationToken)
        {
            var settings = new WebhookSettings(@event, url, contentType, true, null);
            await client.SendAsync(PathOf(settings.Event) + "/test", observer, cancellationToken, HttpMethod.Post, Body(settings, withActive: false)).ConfigureAwait(false);
        }

        private static string PathOf(string @event)
        {
            var known = WebhookEvent.Canonical(@event)
                ?? throw new ArgumentException($"'{@event}' is not a webhook event; expected one of {string.Join(", ", WebhookEvent.All)}.", nameof(@event));
            return RinkelResources.Webhooks.Path + "/" + PathSegment.Escape(known);
        }

        private static byte[] Body(WebhookSettings settings, bool withActive) =>
            JsonSerializer.SerializeToUtf8Bytes(new WebhookBody
            {
                Url = settings.Url.AbsoluteUri,
                ContentType = WebhookContentTypes.ToMediaType(settings.ContentType),
                Active = withActive ? settings.Active : (bool?)null,
                Description = withActive ? settings.Description : null,
            }, WireContract.WebhookBody);

        // The write succeeded (2xx) whatever the body says: failing now would invite the caller to write again. A body
        // that cannot be read is reported, and the settings that were sent stand in for it.
        private static Webhook ReadWritten(ApiResponse response, WebhookSettings settings, IRinkelObserver observer)
        {
            if (response.Body.Length == 0) return settings.ToWebhook();
            Webhook written;
            try
            {
                written = ResponseReader.ReadSingle(response, RinkelResources.Webhooks);
            }
            catch (RinkelApiException ex) when (ex.Kind == RinkelErrorKind.InvalidResponse)
            {
                observer.OnWarning($"{response.Method} {response.Uri.AbsoluteUri} succeeded ({(int)response.Status}), but its answer could not be read; showing the settings that were sent. {ex.Message}");
                return settings.ToWebhook();
            }
            written.Url ??= settings.Url.AbsoluteUri;
            written.ContentType ??= WebhookContentTypes.ToMediaType(settings.ContentType);
            written.Active ??= settings.Active;
            written.Description ??= settings.Description;
            return written;
        }
    }
}
