using System;
using System.Collections.Generic;
using System.Management.Automation;
using Rinkel.Client;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>
    /// Lists the call history with the API's filters, or gets call records by id or by the call id webhooks carry.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "RinkelCallRecord", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(CallRecord))]
    public sealed class GetRinkelCallRecordCommand : CallHistoryCmdlet
    {
        private const string IdSet = "Id";

        private readonly List<string> _users = new List<string>();
        private Connection? _connection;
        private IdFanOut<CallRecord>? _byId;
        private IdFanOut<CallRecord>? _byCallId;

        /// <summary>Record ids; from the pipeline as strings or as objects with an Id (or CallRecordId) property.</summary>
        [Parameter(Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CallRecordId")]
        [CallRecordIdArgument]
        [ValidateOptionalIds]
        public string[]? Id { get; set; }

        /// <summary>The call ids webhooks carry. Used for pipeline objects that have a CallId but no Id.</summary>
        [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateUserId]
        public string[]? CallId { get; set; }

        /// <summary>With -Id or -CallId: also read notes and insights where the API leaves them out.</summary>
        [Parameter(ParameterSetName = IdSet)]
        public SwitchParameter IncludeDetails { get; set; }

        /// <summary>Users (ids or objects from Get-RinkelUser); users from the pipeline become one listing.</summary>
        [Parameter(ParameterSetName = ListSet, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public User[]? User { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("Inbound", "Outbound")]
        public string[]? Direction { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("Missed", "Answered", "Voicemail")]
        public string[]? Status { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("Positive", "Negative", "Neutral")]
        public string[]? Sentiment { get; set; }

        /// <summary>Seconds, a TimeSpan or mm:ss.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public CallDuration MinDuration { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public CallDuration MaxDuration { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("1-5", "5-15", "15-30", "30-0")]
        public string[]? DurationPreset { get; set; }

        /// <summary>Free text the API searches for.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? Filter { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter HasContact { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter HasInsights { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("Date", "Duration", "Status", "InternalNumber", "ExternalNumber", "User")]
        public string? Sort { get; set; }

        protected override string ProgressActivity => "Listing Rinkel call records";

        protected override void BeginProcessing() => _connection = ResolveConnection();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                // Users from the pipeline are gathered and listed in one go at the end (repeated user= values).
                if (User != null)
                {
                    foreach (var user in User)
                    {
                        if (user is null || string.IsNullOrWhiteSpace(user.Id))
                            WriteError(new ErrorRecord(new ArgumentException("A user without an id cannot filter call records."), "RinkelUserWithoutId", ErrorCategory.InvalidArgument, user));
                        else _users.Add(user.Id!);
                    }
                }
                else if (!MyInvocation.ExpectingInput) List();
                return;
            }

            if (Id != null && CallId != null && !MyInvocation.ExpectingInput)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give either -Id or -CallId, not both."),
                    "RinkelCallRecordIdAndCallId", ErrorCategory.InvalidArgument, null));
            }

            // The parameter set of piped input is only known here, not in BeginProcessing.
            var connection = _connection!;
            _byId ??= StartFanOut(connection, (id, ct) => connection.Client.GetCallRecordAsync(id, Observer, ct));
            _byCallId ??= StartFanOut(connection, (id, ct) => connection.Client.GetCallRecordByCallIdAsync(id, IncludeDetails, Observer, ct));

            // A record piped back in carries both: its Id is the record itself.
            if (Id != null) foreach (var id in Id) _byId!.Add(id);
            else if (CallId != null) foreach (var callId in CallId) _byCallId!.Add(callId);
            else
                WriteError(new ErrorRecord(new ArgumentException("Give -Id or -CallId (or pipe objects with an Id or CallId property)."),
                    "RinkelCallRecordIdMissing", ErrorCategory.InvalidArgument, null));
            Observer.Flush(this);
        }

        protected override void EndProcessing()
        {
            // Users given (or piped) are listed once, together; an empty pipeline of users lists nothing, not everyone.
            if (ParameterSetName == ListSet && _users.Count > 0) List();
            _byId?.Complete();
            _byCallId?.Complete();
            base.EndProcessing();
        }

        private void List()
        {
            CallRecordFilter filter;
            try
            {
                filter = BuildFilter();
                CallQueryBuilder.ForCallRecords(filter);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "RinkelInvalidCallRecordFilter", ErrorCategory.InvalidArgument, null)
                {
                    ErrorDetails = new ErrorDetails(ex.Message),
                });
                return;
            }

            var paging = new ListingOptions();
            ApplyPaging(paging);
            var batches = CallHistoryListings.CountCallRecordBatches(filter);
            if (batches == 1)
            {
                filter.Skip = paging.Skip;
                filter.First = paging.First;
                using (var listing = _connection!.Client.ListCallRecords(filter, Observer))
                    WriteListing(listing);
                return;
            }

            // Too many users for one request: one listing per batch of users, each user in exactly one batch, so no
            // record comes twice. -Skip and -First run across the batches.
            WriteVerbose($"{_users.Count} users need {batches} requests per page; the records are listed batch by batch.");
            var pinnedEnd = CallHistoryListings.Now();
            var skip = paging.Skip;
            var first = paging.First;
            for (var batch = 0; batch < batches && first != 0; batch++)
            {
                using (var listing = _connection!.Client.ListCallRecordBatch(filter, batch, skip, first, pinnedEnd, Observer))
                {
                    var written = WriteBatch(listing);
                    var total = listing.TotalCount ?? written + skip;
                    skip = Math.Max(0, skip - total);
                    if (first.HasValue) first = Math.Max(0, first.Value - written);
                }
            }
        }

        private long WriteBatch(Listing<CallRecord> listing)
        {
            Observer.ProgressNoun = listing.Resource.PluralNoun;
            long written = 0;
            while (true)
            {
                IReadOnlyList<CallRecord>? page = null;
                try
                {
                    page = Await(listing.ReadNextPageAsync(CancellationToken));
                }
                catch (RinkelApiException ex)
                {
                    ThrowTerminatingError(ErrorFor(ex, ex.RequestUri));
                }
                if (page == null) return written;
                foreach (var record in page)
                {
                    WriteObject(record);
                    written++;
                }
            }
        }

        private CallRecordFilter BuildFilter()
        {
            var bound = MyInvocation.BoundParameters;
            var filter = new CallRecordFilter
            {
                Text = Filter,
                MinDuration = bound.ContainsKey(nameof(MinDuration)) ? MinDuration : (CallDuration?)null,
                MaxDuration = bound.ContainsKey(nameof(MaxDuration)) ? MaxDuration : (CallDuration?)null,
                HasContact = Flag(nameof(HasContact), HasContact),
                HasInsights = Flag(nameof(HasInsights), HasInsights),
                Sort = Sort,
                // -Descending is highest first. Without -Sort the API's newest-first stays; with it, ascending unless
                // -Descending, like Sort-Object.
                Descending = bound.ContainsKey(nameof(Descending)) ? Descending.IsPresent : Sort != null ? false : (bool?)null,
            };
            AddAll(filter.Directions, Direction);
            AddAll(filter.Statuses, Status);
            AddAll(filter.Sentiments, Sentiment);
            AddAll(filter.DurationPresets, DurationPreset);
            ApplyCallHistoryFilters(filter);
            foreach (var user in _users) filter.Users.Add(user);
            return filter;
        }

        private static void AddAll(IList<string> target, string[]? values)
        {
            if (values == null) return;
            foreach (var value in values) target.Add(value);
        }
    }
}
