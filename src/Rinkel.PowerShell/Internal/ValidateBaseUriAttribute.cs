using System;
using System.Management.Automation;
using Rinkel.Client;

namespace Rinkel.Internal
{
    /// <summary>Applies the client's base URI policy at parameter binding, so a bad -BaseUri is a parameter error.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateBaseUriAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            var problem = BaseUriPolicy.Check(value as Uri);
            if (problem != null) throw new ValidationMetadataException(problem);
        }
    }
}
