using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Rinkel.Internal
{
    /// <summary>
    /// Completes -Status with the documented number statuses. Not a ValidateSet: the API is beta and adds statuses,
    /// and filtering on a new one must work before the module knows it.
    /// </summary>
    public sealed class NumberStatusCompleter : IArgumentCompleter
    {
        internal static readonly string[] Documented =
        {
            "ACTIVE", "SUSPENDED", "CANCELLED", "PENDING_CANCEL", "PARKED", "PENDING_PARKING",
            "PENDING_PORTING_IN", "PENDING_REGION_VALIDATION", "PENDING_ACTIVATION",
        };

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return Documented
                .Where(s => s.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(s => new CompletionResult(s, s, CompletionResultType.ParameterValue, s));
        }
    }
}
