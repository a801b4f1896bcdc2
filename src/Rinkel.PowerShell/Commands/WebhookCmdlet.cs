using System;
using System.Management.Automation;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>
    /// Base of the webhook cmdlets: the event and the webhook object they take, the text -WhatIf and -Confirm show,
    /// and the webhook meaning of API errors (plan gate, existing or missing subscription).
    /// </summary>
    public abstract class WebhookCmdlet : RinkelApiCmdlet
    {
        protected const string EventSet = "Event";

        // The default set: PowerShell binds a pipeline object to the default set first, and only this way does a
        // piped Rinkel.Webhook reach -InputObject (its URL then shows in -WhatIf and -Confirm) instead of binding
        // its Event property by name.
        protected const string InputObjectSet = "InputObject";

        /// <summary>The current webhook event being handled, for error messages.</summary>
        private string? _event;

        /// <summary>The API's spelling of the event named by <paramref name="input"/> or <paramref name="event"/>; null after writing an error.</summary>
        protected string? ResolveEvent(Webhook? input, string? @event)
        {
            var name = input != null ? input.Event : @event;
            var known = WebhookEvent.Canonical(name);
            if (known == null)
            {
                WriteError(new ErrorRecord(
                    new ArgumentException($"'{name}' is not a webhook event this module knows; expected one of {string.Join(", ", WebhookEvent.All)}."),
                    "RinkelWebhookEventUnknown", ErrorCategory.InvalidArgument, (object?)input ?? name));
            }
            _event = known;
            return known;
        }

        /// <summary>What -WhatIf and -Confirm name: the event and, when known, the URL.</summary>
        protected static string Target(string @event, string? url) =>
            url is null ? "webhook for " + @event : "webhook for " + @event + " -> " + url;

        internal override ErrorRecord ErrorFor(RinkelApiException exception, object? target) => WebhookErrors.For(exception, _event, target);

        /// <summary>Writes the failure of one item, or ends the pipeline when the failure concerns every item.</summary>
        protected void Fail(RinkelApiException exception, object? target)
        {
            var record = ErrorFor(exception, target);
            if (WebhookErrors.IsPerItem(exception)) WriteError(record);
            else ThrowTerminatingError(record);
        }
    }
}
