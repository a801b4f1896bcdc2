using System;
using System.Collections.Generic;
using System.Management.Automation;
using Rinkel.Client;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>Lists the account's webhook subscriptions, or the ones for the events given.</summary>
    [Cmdlet(VerbsCommon.Get, "RinkelWebhook")]
    [OutputType(typeof(Webhook))]
    public sealed class GetRinkelWebhookCommand : WebhookCmdlet
    {
        private Connection? _connection;
        private IReadOnlyList<Webhook>? _all;

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateSet(WebhookEvent.IncomingCall, WebhookEvent.OutgoingCall, WebhookEvent.CallStart, WebhookEvent.CallEnd, WebhookEvent.CallInsights)]
        public string[]? Event { get; set; }

        protected override string ProgressActivity => "Listing Rinkel webhooks";

        protected override void BeginProcessing() => _connection = ResolveConnection();

        protected override void ProcessRecord()
        {
            if (Event == null)
            {
                using (var listing = _connection!.Client.ListWebhooks(Observer))
                    WriteListing(listing);
                return;
            }

            // One listing per invocation however many events are asked for: an account has at most one per event.
            if (_all == null)
            {
                try
                {
                    _all = Await(_connection!.Client.GetWebhooksAsync(Observer, CancellationToken));
                }
                catch (RinkelApiException ex)
                {
                    ThrowTerminatingError(ErrorFor(ex, ex.RequestUri));
                }
            }
            foreach (var name in Event)
            {
                var known = ResolveEvent(null, name);
                if (known == null) continue;
                var found = false;
                foreach (var webhook in _all!)
                {
                    if (!string.Equals(webhook.Event, known, StringComparison.OrdinalIgnoreCase)) continue;
                    WriteObject(webhook);
                    found = true;
                }
                if (!found) WriteError(WebhookErrors.NotRegistered(known, "Register-RinkelWebhook adds one."));
            }
        }
    }
}
