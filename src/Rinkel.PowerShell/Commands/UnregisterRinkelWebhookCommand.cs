using System.Management.Automation;
using Rinkel.Client;

namespace Rinkel.Commands
{
    /// <summary>Ends webhook subscriptions (DELETE /webhooks/{event}); asks first unless -Confirm:$false.</summary>
    [Cmdlet(VerbsLifecycle.Unregister, "RinkelWebhook", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class UnregisterRinkelWebhookCommand : WebhookTargetCmdlet
    {
        private Connection? _connection;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = EventSet, ValueFromPipelineByPropertyName = true)]
        [ValidateSet(WebhookEvent.IncomingCall, WebhookEvent.OutgoingCall, WebhookEvent.CallStart, WebhookEvent.CallEnd, WebhookEvent.CallInsights)]
        public string[]? Event { get; set; }

        protected override void BeginProcessing() => _connection = ResolveConnection();

        protected override void ProcessRecord()
        {
            if (InputObject != null)
            {
                Unregister(ResolveEvent(InputObject, null), InputObject.Url, InputObject);
                return;
            }
            foreach (var name in Event!) Unregister(ResolveEvent(null, name), null, name);
        }

        private void Unregister(string? @event, string? url, object target)
        {
            if (@event == null) return;
            if (!ShouldProcess(Target(@event, url), "Unregister the webhook")) return;
            try
            {
                Await(_connection!.Client.UnregisterWebhookAsync(@event, Observer, CancellationToken));
            }
            catch (RinkelApiException ex)
            {
                Fail(ex, target);
            }
        }
    }
}
