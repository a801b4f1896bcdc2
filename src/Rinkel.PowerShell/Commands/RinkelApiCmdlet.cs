using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Rinkel.Client;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>Base of the cmdlets that work on an existing connection: adds -Connection and resolves it.</summary>
    public abstract class RinkelApiCmdlet : RinkelCmdlet
    {
        /// <summary>The connection to use instead of the current one (from Connect-Rinkel -PassThru).</summary>
        [Parameter]
        [ValidateNotNull]
        public Connection? Connection { get; set; }

        /// <summary>The explicit connection, or the current one; a terminating error when there is none.</summary>
        protected Connection ResolveConnection()
        {
            var connection = Connection ?? CurrentConnection.Get();
            if (connection != null && connection.IsClosed)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException($"The connection to {connection.BaseUri} was closed by Disconnect-Rinkel. Run Connect-Rinkel to connect again."),
                    "RinkelConnectionClosed", ErrorCategory.ConnectionError, connection));
            }
            if (connection != null) return connection;
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException("You are not connected to Rinkel. Run Connect-Rinkel first (or pass -Connection)."),
                "RinkelNotConnected", ErrorCategory.ConnectionError, null)
            {
                ErrorDetails = new ErrorDetails("You are not connected to Rinkel. Run Connect-Rinkel first (or pass -Connection).")
                {
                    RecommendedAction = "Run Connect-Rinkel -ApiKey (Read-Host -AsSecureString 'Rinkel API key'), or set RINKEL_API_KEY and run Connect-Rinkel.",
                },
            });
            throw new InvalidOperationException("unreachable");
        }
        /// <summary>Applies -Skip and -First (when the cmdlet supports paging) to a listing's options.</summary>
        /// <remarks>
        /// Not generic over the options type on purpose: a constraint naming a client type would make PowerShell's
        /// scan of the module's public types load Rinkel.Client before the module's resolver is attached.
        /// </remarks>
        protected void ApplyPaging(ListingOptions options)
        {
            var paging = PagingParameters;
            if (paging == null) return;
            options.Skip = (long)Math.Min(paging.Skip, long.MaxValue);
            options.First = paging.First >= long.MaxValue ? (long?)null : (long)paging.First;
        }

        /// <summary>
        /// Writes every item of <paramref name="listing"/> as its pages arrive (after the total with
        /// -IncludeTotalCount). A failure ends in a terminating error after the items already written, never in a
        /// short, quiet list.
        /// </summary>
        protected void WriteListing<T>(Listing<T> listing) where T : class
        {
            Observer.ProgressNoun = listing.Resource.PluralNoun;
            var paging = PagingParameters;
            var totalWritten = paging == null || !paging.IncludeTotalCount;
            while (true)
            {
                IReadOnlyList<T>? page = null;
                try
                {
                    page = Await(listing.ReadNextPageAsync(CancellationToken));
                }
                catch (RinkelApiException ex)
                {
                    ThrowTerminatingError(ErrorFor(ex, ex.RequestUri));
                }
                if (!totalWritten)
                {
                    WriteObject(paging!.NewTotalCount((ulong)(listing.TotalCount ?? 0), listing.TotalCount.HasValue ? 1.0 : 0.0));
                    totalWritten = true;
                }
                if (page == null) break;
                foreach (var item in page) WriteObject(item);
            }
        }

        /// <summary>
        /// Starts the by-id fan-out of this invocation: <see cref="IdFanOut{T}.Add"/> each id from ProcessRecord and
        /// <see cref="IdFanOut{T}.Complete"/> it in EndProcessing; requests left in flight are observed on disposal.
        /// </summary>
        internal IdFanOut<T> StartFanOut<T>(Connection connection, Func<string, CancellationToken, Task<T>> get) where T : class
        {
            var fanOut = new IdFanOut<T>(this, connection.MaxConcurrentRequests, get);
            _owned.Add(fanOut);
            return fanOut;
        }

        private readonly List<IDisposable> _owned = new List<IDisposable>();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (var owned in _owned) owned.Dispose();
                _owned.Clear();
            }
            base.Dispose(disposing);
        }
    }
}
