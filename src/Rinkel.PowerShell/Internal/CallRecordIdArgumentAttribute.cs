using System;
using System.Collections;
using System.Management.Automation;

namespace Rinkel.Internal
{
    /// <summary>
    /// The -Id of Get-RinkelCallRecord: ids as IdArgument takes them, except that an object which carries only a
    /// CallId (a webhook row, a CSV of call ids) gives no record id, so that its CallId binds to -CallId by property
    /// name instead of its text being sent as a record id.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class CallRecordIdArgumentAttribute : ArgumentTransformationAttribute
    {
        private readonly IdArgumentAttribute _ids = new IdArgumentAttribute("CallRecordId");

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var input = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (input is string || input is null || input is IEnumerable) return _ids.Transform(engineIntrinsics, inputData);
            var item = inputData as PSObject ?? PSObject.AsPSObject(input);
            if (item.Properties["Id"] == null && item.Properties["CallRecordId"] == null && item.Properties["CallId"] != null) return null;
            return _ids.Transform(engineIntrinsics, inputData);
        }
    }

    /// <summary>The checks of <see cref="ValidateUserIdAttribute"/> for each id, allowing the whole list to be absent.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateOptionalIdsAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (value is null) return;
            var items = value is string single ? new object[] { single } : value as IEnumerable ?? new[] { value };
            foreach (var item in items)
            {
                var id = item is PSObject p ? p.BaseObject : item;
                var problem = ValidateUserIdAttribute.Check(id as string ?? id?.ToString(), "id");
                if (problem != null) throw new ValidationMetadataException(problem);
            }
        }
    }
}
