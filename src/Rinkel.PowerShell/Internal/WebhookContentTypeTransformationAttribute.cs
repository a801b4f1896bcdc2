using System;
using System.Management.Automation;

namespace Rinkel.Internal
{
    /// <summary>
    /// Lets -ContentType take what a webhook object carries (the API's "application/json") as well as Json or Form,
    /// so webhooks piped from one account register in another unchanged. Anything else is left for ValidateSet to
    /// reject with the list of valid values.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class WebhookContentTypeTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is WebhookContentType type) return type.ToString();
            if (value is string text && WebhookContentTypes.FromMediaType(text) is WebhookContentType known) return known.ToString();
            return inputData;
        }

        /// <summary>The value of a -ContentType that passed ValidateSet("Json", "Form").</summary>
        internal static WebhookContentType Parse(string value) => (WebhookContentType)Enum.Parse(typeof(WebhookContentType), value, ignoreCase: true);
    }
}
