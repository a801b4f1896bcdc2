using System;
using System.Management.Automation;
using Rinkel.Client;

namespace Rinkel.Internal
{
    /// <summary>A webhook URL must be absolute https: a parameter error at binding, before anything is sent.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateWebhookUrlAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            var problem = WebhookUrl.Check(value as Uri);
            if (problem != null) throw new ValidationMetadataException(problem);
        }
    }
}
