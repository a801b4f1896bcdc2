using System;
using System.Collections.Generic;
using System.Management.Automation;
using Rinkel.Client;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>
    /// Changes a webhook subscription (PUT /webhooks/{event}): only the settings given change, the others keep the
    /// values the API has now (read just before the change, never taken from a possibly stale piped object).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "RinkelWebhook", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Webhook))]
    public sealed class SetRinkelWebhookCommand : WebhookTargetCmdlet
    {
        private Connection? _connection;
        private Dictionary<string, Webhook>? _current;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = EventSet, ValueFromPipelineByPropertyName = true)]
        [ValidateSet(WebhookEvent.IncomingCall, WebhookEvent.OutgoingCall, WebhookEvent.CallStart, WebhookEvent.CallEnd, WebhookEvent.CallInsights)]
        public string? Event { get; set; }

        [Parameter]
        [ValidateNotNull]
        [ValidateWebhookUrl]
        public Uri? Url { get; set; }

        [Parameter]
        [WebhookContentTypeTransformation]
        [ValidateSet("Json", "Form")]
        public string? ContentType { get; set; }

        /// <summary>The new description; an empty string clears it.</summary>
        [Parameter]
        [AllowEmptyString]
        public string? Description { get; set; }

        /// <summary>Resumes deliveries.</summary>
        [Parameter]
        public SwitchParameter Enabled { get; set; }

        /// <summary>Pauses deliveries; the subscription stays.</summary>
        [Parameter]
        public SwitchParameter Disabled { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private bool Given(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

        protected override void BeginProcessing()
        {
            if (Enabled && Disabled)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("Give -Enabled or -Disabled, not both."),
                    "RinkelWebhookEnabledAndDisabled", ErrorCategory.InvalidArgument, null));
            }
            if (!Given(nameof(Url)) && !Given(nameof(ContentType)) && !Given(nameof(Description)) && !Enabled && !Disabled)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("Nothing to change: give at least one of -Url, -ContentType, -Description, -Enabled or -Disabled. Set-RinkelWebhook changes only what is given."),
                    "RinkelWebhookNothingToChange", ErrorCategory.InvalidArgument, null));
            }
            _connection = ResolveConnection();
        }

        protected override void ProcessRecord()
        {
            var @event = ResolveEvent(InputObject, Event);
            if (@event == null) return;
            if (!ShouldProcess(Target(@event, InputObject?.Url), "Change the webhook (" + Changes() + ")")) return;

            try
            {
                if (!Current().TryGetValue(@event, out var current))
                {
                    WriteError(WebhookErrors.NotRegistered(@event, "Register-RinkelWebhook adds one; Set-RinkelWebhook changes only existing ones."));
                    return;
                }
                var settings = Merge(@event, current);
                if (settings == null) return;
                var written = Await(_connection!.Client.SetWebhookAsync(settings, Observer, CancellationToken));
                _current![@event] = written;
                if (PassThru) WriteObject(written);
            }
            catch (RinkelApiException ex)
            {
                Fail(ex, (object?)InputObject ?? @event);
            }
        }

        private string Changes()
        {
            var parts = new List<string>();
            if (Given(nameof(Url))) parts.Add("url: " + Url!.AbsoluteUri);
            if (Given(nameof(ContentType))) parts.Add("content type: " + ContentType);
            if (Enabled) parts.Add("enabled");
            if (Disabled) parts.Add("disabled");
            if (Given(nameof(Description))) parts.Add("description: '" + Description + "'");
            return string.Join("; ", parts);
        }

        // The subscriptions as the API has them now, read once per invocation (an account has at most one per event).
        private Dictionary<string, Webhook> Current()
        {
            if (_current != null) return _current;
            var all = Await(_connection!.Client.GetWebhooksAsync(Observer, CancellationToken));
            _current = new Dictionary<string, Webhook>(StringComparer.OrdinalIgnoreCase);
            foreach (var webhook in all)
                if (webhook.Event != null) _current[webhook.Event] = webhook;
            return _current;
        }

        // The PUT needs every setting; those not given keep their current value, and a current value this module
        // cannot send back unchanged is an error rather than a silent replacement.
        private WebhookSettings? Merge(string @event, Webhook current)
        {
            var url = Given(nameof(Url)) ? Url : Uri.TryCreate(current.Url, UriKind.Absolute, out var parsed) ? parsed : null;
            var contentType = Given(nameof(ContentType)) ? WebhookContentTypeTransformationAttribute.Parse(ContentType!) : WebhookContentTypes.FromMediaType(current.ContentType);
            string? problem = null;
            if (url == null || WebhookUrl.Check(url) != null)
                problem = $"The webhook for {@event} has the URL '{current.Url}', which cannot be sent back as it is; give -Url.";
            else if (contentType == null)
                problem = $"The webhook for {@event} has the content type '{current.ContentType}', which this module does not know; give -ContentType Json or Form.";
            if (problem != null)
            {
                WriteError(new ErrorRecord(new InvalidOperationException(problem), "RinkelWebhookIncomplete", ErrorCategory.InvalidData, current));
                return null;
            }
            var active = Enabled || (!Disabled && (current.Active ?? true));
            var description = Given(nameof(Description)) ? Description ?? string.Empty : current.Description;
            return new WebhookSettings(@event, url!, contentType!.Value, active, description);
        }
    }
}
