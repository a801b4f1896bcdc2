using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using Rinkel.Client;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>
    /// Lists every Rinkel user (paging transparently), or gets users by id from the pipeline.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "RinkelUser", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(User))]
    public sealed class GetRinkelUserCommand : RinkelApiCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        // Requests for ids run ahead of the output within a window, and results leave in input order.
        private readonly Queue<KeyValuePair<string, Task<User>>> _inFlight = new Queue<KeyValuePair<string, Task<User>>>();
        private Connection? _connection;
        private ulong _idsSeen;
        private ulong _idsRequested;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [IdArgument("UserId")]
        [ValidateNotNullOrEmpty]
        [ValidateUserId]
        [ArgumentCompleter(typeof(UserIdCompleter))]
        public string[]? Id { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IncludeAvatars { get; set; }

        protected override string ProgressActivity => "Listing Rinkel users";

        protected override void BeginProcessing() => _connection = ResolveConnection();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                List();
                return;
            }
            foreach (var id in Id!)
            {
                // -Skip and -First count ids here, so a skipped or surplus id is never requested.
                _idsSeen++;
                if (_idsSeen <= PagingParameters.Skip || _idsRequested >= PagingParameters.First) continue;
                _idsRequested++;
                _inFlight.Enqueue(new KeyValuePair<string, Task<User>>(id, _connection!.Client.GetUserAsync(id, Observer, CancellationToken)));
                while (_inFlight.Count >= _connection.MaxConcurrentRequests) WriteNextUser();
            }
            Observer.Flush(this);
        }

        protected override void EndProcessing()
        {
            while (_inFlight.Count > 0) WriteNextUser();
            // With ids the total is only known at the end: it is the number of ids given.
            if (ParameterSetName == IdSet && PagingParameters.IncludeTotalCount)
                WriteObject(PagingParameters.NewTotalCount(_idsSeen, 1.0));
            base.EndProcessing();
        }

        private void WriteNextUser()
        {
            var next = _inFlight.Dequeue();
            try
            {
                WriteObject(Await(next.Value));
            }
            catch (RinkelApiException ex) when (ErrorRecords.IsPerItem(ex))
            {
                WriteError(ErrorFor(ex, next.Key));
            }
            catch (RinkelApiException ex)
            {
                ThrowTerminatingError(ErrorFor(ex, next.Key));
            }
        }

        private void List()
        {
            var paging = PagingParameters;
            var options = new ListUsersOptions
            {
                IncludeAvatars = IncludeAvatars,
                Skip = (long)Math.Min(paging.Skip, long.MaxValue),
                First = paging.First >= long.MaxValue ? (long?)null : (long)paging.First,
            };
            using (var listing = _connection!.Client.ListUsers(options, Observer))
            {
                var totalWritten = !paging.IncludeTotalCount;
                while (true)
                {
                    IReadOnlyList<User>? page = null;
                    try
                    {
                        page = Await(listing.ReadNextPageAsync(CancellationToken));
                    }
                    catch (RinkelApiException ex)
                    {
                        // Whatever was already written stays written; the listing then ends loudly, never short and silent.
                        ThrowTerminatingError(ErrorFor(ex, ex.RequestUri));
                    }
                    if (!totalWritten)
                    {
                        WriteObject(paging.NewTotalCount((ulong)(listing.TotalCount ?? 0), listing.TotalCount.HasValue ? 1.0 : 0.0));
                        totalWritten = true;
                    }
                    if (page == null) break;
                    foreach (var user in page) WriteObject(user);
                }
            }
        }

        protected override void Dispose(bool disposing)
        {
            // A terminating error or Ctrl+C can leave requests in flight: the base cancels them; observe their outcome.
            if (disposing)
            {
                while (_inFlight.Count > 0)
                    _inFlight.Dequeue().Value.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            }
            base.Dispose(disposing);
        }
    }
}
