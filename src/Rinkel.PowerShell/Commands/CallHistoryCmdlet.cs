using System;
using System.Management.Automation;
using Rinkel.Client;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>
    /// Base of the call-history cmdlets (Get-RinkelCallRecord, Get-RinkelVoicemail): the filters the API offers on
    /// both listings, declared once so that their names, validation and meaning cannot drift apart.
    /// </summary>
    public abstract class CallHistoryCmdlet : RinkelApiCmdlet
    {
        protected const string ListSet = "List";

        [Parameter(ParameterSetName = ListSet)]
        public DateTime Start { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public DateTime End { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("Today", "This-Week", "Last-Two-Weeks", "Last-Month")]
        public string[]? DatePreset { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? ExternalNumber { get; set; }

        /// <summary>Number ids (or objects with an Id, such as a record's InternalNumber).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [IdArgument("NumberId")]
        [ValidateNotNullOrEmpty]
        [ValidateUserId]
        public string[]? InternalNumber { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter HasNotes { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IsAnonymous { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter ContactLookup { get; set; }

        /// <summary>The sort order; what it means when left out is up to each cmdlet (see its BuildFilter).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Descending { get; set; }

        /// <summary>Copies the shared filters given to <paramref name="filter"/>; the ones left out stay unset.</summary>
        /// <remarks>
        /// Internal and not generic on purpose: a constraint naming a client type would make PowerShell's scan of the
        /// module's public types load Rinkel.Client before the module's resolver is attached.
        /// </remarks>
        internal void ApplyCallHistoryFilters(ICallHistoryFilter filter)
        {
            var bound = MyInvocation.BoundParameters;
            filter.ExternalNumber = ExternalNumber;
            filter.Start = bound.ContainsKey(nameof(Start)) ? Start : (DateTime?)null;
            filter.End = bound.ContainsKey(nameof(End)) ? End : (DateTime?)null;
            filter.IsAnonymous = Flag(nameof(IsAnonymous), IsAnonymous);
            filter.HasNotes = Flag(nameof(HasNotes), HasNotes);
            filter.ContactLookup = Flag(nameof(ContactLookup), ContactLookup);
            if (InternalNumber != null) foreach (var id in InternalNumber) filter.InternalNumbers.Add(id);
            if (DatePreset != null) foreach (var preset in DatePreset) filter.DatePresets.Add(preset);
        }

        // A switch left out is no filter; -HasNotes:$false asks for records without notes.
        private protected bool? Flag(string name, SwitchParameter value) =>
            MyInvocation.BoundParameters.ContainsKey(name) ? value.IsPresent : (bool?)null;
    }
}
