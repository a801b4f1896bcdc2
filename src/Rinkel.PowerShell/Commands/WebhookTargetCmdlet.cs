using System.Management.Automation;
using Rinkel.Client;

namespace Rinkel.Commands
{
    /// <summary>
    /// Base of the cmdlets that act on a registered webhook (Set-, Test- and Unregister-RinkelWebhook): the webhook
    /// object they take from the pipeline, declared once. Each declares its own -Event, which differs in arity.
    /// </summary>
    public abstract class WebhookTargetCmdlet : WebhookCmdlet
    {
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Webhook? InputObject { get; set; }
    }
}
