using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Rinkel.Client;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>
    /// Lists the account's phone numbers (paging transparently), or gets numbers by id from the pipeline, with the
    /// dial plan. <c>-Status</c> filters on this side: the API has no status filter.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "RinkelNumber", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(Number))]
    public sealed class GetRinkelNumberCommand : RinkelApiCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        private Connection? _connection;
        private IdFanOut<Number>? _byId;

        /// <summary>
        /// Number ids. By property name this takes Id (a number, a call record's InternalNumber), NumberId, and
        /// DefaultOutboundNumber (a user's Preferences).
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("NumberId", "DefaultOutboundNumber")]
        [ValidateNotNullOrEmpty]
        [ValidateResourceId("number")]
        public string[]? Id { get; set; }

        /// <summary>Only numbers with one of these statuses (case-insensitive; filtered here, as the API cannot).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NumberStatusCompleter))]
        public string[]? Status { get; set; }

        protected override string ProgressActivity => "Listing Rinkel numbers";

        protected override void BeginProcessing()
        {
            var connection = _connection = ResolveConnection();
            if (ParameterSetName == IdSet)
                _byId = StartFanOut(connection, (id, cancellationToken) => connection.Client.GetAsync(RinkelResources.Numbers, id, Observer, cancellationToken));
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id!) _byId!.Add(id);
                Observer.Flush(this);
                return;
            }

            var options = new ListingOptions();
            if (Status == null)
            {
                ApplyPaging(options);
                using (var listing = _connection!.Client.List(RinkelResources.Numbers, options, Observer))
                    WriteListing(listing);
                return;
            }
            using (var listing = _connection!.Client.List(RinkelResources.Numbers, options, Observer))
                WriteFiltered(listing, new HashSet<string>(Status.Select(s => s.Trim()), StringComparer.OrdinalIgnoreCase));
        }

        // -Skip and -First count the numbers that pass the filter, so the whole listing is read; the total the API
        // reports counts every number, so with -IncludeTotalCount it is given as unknown rather than wrong.
        private void WriteFiltered(Listing<Number> listing, HashSet<string> statuses)
        {
            var paging = PagingParameters;
            if (paging != null && paging.IncludeTotalCount) WriteObject(paging.NewTotalCount(0, 0.0));
            ulong matched = 0;
            ulong written = 0;
            Observer.ProgressNoun = listing.Resource.PluralNoun;
            while (true)
            {
                IReadOnlyList<Number>? page = null;
                try
                {
                    page = Await(listing.ReadNextPageAsync(CancellationToken));
                }
                catch (RinkelApiException ex)
                {
                    ThrowTerminatingError(ErrorFor(ex, ex.RequestUri));
                }
                if (page == null) return;
                foreach (var number in page)
                {
                    if (number.Status == null || !statuses.Contains(number.Status)) continue;
                    matched++;
                    if (paging != null && matched <= paging.Skip) continue;
                    if (paging != null && written >= paging.First) return;
                    written++;
                    WriteObject(number);
                }
            }
        }

        protected override void EndProcessing()
        {
            _byId?.Complete();
            base.EndProcessing();
        }
    }
}
