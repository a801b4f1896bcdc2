using System;
using System.Collections.Generic;
using System.Management.Automation;
using Rinkel.Client;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>Lists voicemails (call records whose status is VOICEMAIL), or counts the unplayed ones.</summary>
    [Cmdlet(VerbsCommon.Get, "RinkelVoicemail", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(CallRecord), ParameterSetName = new[] { ListSet })]
    [OutputType(typeof(long), ParameterSetName = new[] { CountSet })]
    public sealed class GetRinkelVoicemailCommand : CallHistoryCmdlet
    {
        private const string CountSet = "Count";

        private Connection? _connection;

        /// <summary>Unplayed voicemails only. The API then ignores every other filter, so combining them is an error.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = CountSet)]
        public SwitchParameter New { get; set; }

        /// <summary>Returns the number of unplayed voicemails instead of listing them.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CountSet)]
        public SwitchParameter Count { get; set; }

        protected override string ProgressActivity => "Listing Rinkel voicemails";

        protected override void BeginProcessing() => _connection = ResolveConnection();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == CountSet)
            {
                try
                {
                    WriteObject(Await(_connection!.Client.GetNewVoicemailCountAsync(Observer, CancellationToken)));
                }
                catch (RinkelApiException ex)
                {
                    ThrowTerminatingError(ErrorFor(ex, ex.RequestUri));
                }
                return;
            }

            var filter = BuildFilter();
            var paging = new ListingOptions();
            ApplyPaging(paging);
            filter.Skip = paging.Skip;
            filter.First = paging.First;
            Listing<CallRecord> listing;
            try
            {
                listing = _connection!.Client.ListVoicemails(filter, Observer);
            }
            catch (ArgumentException ex)
            {
                var message = ex.Message.Replace(" (Parameter 'filter')", string.Empty);
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(message, ex), "RinkelVoicemailNewWithFilters", ErrorCategory.InvalidArgument, null)
                {
                    ErrorDetails = new ErrorDetails(message),
                });
                return;
            }
            using (listing) WriteListing(listing);
        }

        private VoicemailFilter BuildFilter()
        {
            var filter = new VoicemailFilter
            {
                New = Flag(nameof(New), New),
                // Newest first is the API's default; -Descending:$false lists oldest first.
                Descending = Flag(nameof(Descending), Descending),
            };
            ApplyCallHistoryFilters(filter);
            return filter;
        }
    }
}
