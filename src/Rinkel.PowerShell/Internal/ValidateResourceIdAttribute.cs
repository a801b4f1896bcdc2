using System;
using System.Management.Automation;

namespace Rinkel.Internal
{
    /// <summary>
    /// ValidateUserId's rules for the ids of other resources (numbers, recordings, audio), with the resource named in
    /// the message: a pasted URL, a path or a blank CSV cell is a clear parameter error before any request.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateResourceIdAttribute : ValidateEnumeratedArgumentsAttribute
    {
        private readonly string _noun;

        public ValidateResourceIdAttribute(string noun)
        {
            _noun = noun;
        }

        protected override void ValidateElement(object element)
        {
            var id = element is PSObject wrapped ? wrapped.BaseObject : element;
            var problem = ValidateUserIdAttribute.Check(id as string ?? id?.ToString(), _noun + " id");
            if (problem != null) throw new ValidationMetadataException(problem);
        }
    }
}
