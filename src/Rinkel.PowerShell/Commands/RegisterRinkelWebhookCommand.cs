using System;
using System.Management.Automation;
using Rinkel.Client;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>
    /// Subscribes to a call event (POST /webhooks/{event}) and writes the new subscription. A lost answer is checked
    /// before the request is sent again, so it never registers twice.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Register, "RinkelWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Webhook))]
    public sealed class RegisterRinkelWebhookCommand : WebhookCmdlet
    {
        private Connection? _connection;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateSet(WebhookEvent.IncomingCall, WebhookEvent.OutgoingCall, WebhookEvent.CallStart, WebhookEvent.CallEnd, WebhookEvent.CallInsights)]
        public string? Event { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        [ValidateWebhookUrl]
        public Uri? Url { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [WebhookContentTypeTransformation]
        [ValidateSet("Json", "Form")]
        public string? ContentType { get; set; } = "Json";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        /// <summary>Registers the subscription switched off: Rinkel delivers nothing until Set-RinkelWebhook -Enabled.</summary>
        [Parameter]
        public SwitchParameter Disabled { get; set; }

        protected override void BeginProcessing() => _connection = ResolveConnection();

        protected override void ProcessRecord()
        {
            var @event = ResolveEvent(null, Event);
            if (@event == null) return;
            var settings = new WebhookSettings(@event, Url!, WebhookContentTypeTransformationAttribute.Parse(ContentType!), !Disabled, Description);
            var what = $"Register the webhook ({ContentType}, {(Disabled ? "disabled" : "active")})";
            if (!ShouldProcess(Target(@event, Url!.AbsoluteUri), what)) return;
            try
            {
                WriteObject(Await(_connection!.Client.RegisterWebhookAsync(settings, Observer, CancellationToken)));
            }
            catch (RinkelApiException ex)
            {
                Fail(ex, @event);
            }
        }
    }
}
