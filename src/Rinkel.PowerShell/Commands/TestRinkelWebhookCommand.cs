using System;
using System.Management.Automation;
using Rinkel.Client;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>
    /// Asks Rinkel to deliver a test event (POST /webhooks/{event}/test) to the subscription's URL, or to the URL
    /// given. Writes nothing on success: Rinkel answers only that it accepted the request.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "RinkelWebhook", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    public sealed class TestRinkelWebhookCommand : WebhookTargetCmdlet
    {
        private Connection? _connection;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = EventSet, ValueFromPipelineByPropertyName = true)]
        [ValidateSet(WebhookEvent.IncomingCall, WebhookEvent.OutgoingCall, WebhookEvent.CallStart, WebhookEvent.CallEnd, WebhookEvent.CallInsights)]
        public string? Event { get; set; }

        /// <summary>Where to deliver the test event; the registered URL when not given.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNull]
        [ValidateWebhookUrl]
        public Uri? Url { get; set; }

        /// <summary>How to encode it; the registered content type when not given, else Json.</summary>
        [Parameter]
        [WebhookContentTypeTransformation]
        [ValidateSet("Json", "Form")]
        public string? ContentType { get; set; }

        protected override void BeginProcessing() => _connection = ResolveConnection();

        protected override void ProcessRecord()
        {
            var @event = ResolveEvent(InputObject, Event);
            if (@event == null) return;
            var knownUrl = Url?.AbsoluteUri ?? InputObject?.Url;
            if (!ShouldProcess(Target(@event, knownUrl ?? "its registered URL"), "Send a test event")) return;
            try
            {
                var registered = InputObject;
                if (Url == null && registered == null)
                {
                    registered = Await(_connection!.Client.FindWebhookAsync(@event, Observer, CancellationToken));
                    if (registered == null)
                    {
                        WriteError(WebhookErrors.NotRegistered(@event, "Give -Url to test a URL that is not registered."));
                        return;
                    }
                }
                var url = Url ?? (Uri.TryCreate(registered!.Url, UriKind.Absolute, out var parsed) && WebhookUrl.Check(parsed) == null ? parsed : null);
                if (url == null)
                {
                    WriteError(new ErrorRecord(new InvalidOperationException($"The webhook for {@event} has the URL '{registered!.Url}', which is not an https URL to test; give -Url."),
                        "RinkelWebhookIncomplete", ErrorCategory.InvalidData, (object?)InputObject ?? @event));
                    return;
                }
                var contentType = MyInvocation.BoundParameters.ContainsKey(nameof(ContentType))
                    ? WebhookContentTypeTransformationAttribute.Parse(ContentType!)
                    : WebhookContentTypes.FromMediaType(registered?.ContentType) ?? WebhookContentType.Json;
                Await(_connection!.Client.TestWebhookAsync(@event, url, contentType, Observer, CancellationToken));
            }
            catch (RinkelApiException ex)
            {
                Fail(ex, (object?)InputObject ?? @event);
            }
        }
    }
}
