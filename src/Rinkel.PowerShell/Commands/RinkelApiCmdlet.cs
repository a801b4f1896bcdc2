using System;
using System.Management.Automation;
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

        private IDisposable? _use;

        /// <summary>
        /// The explicit connection, or the current one; a terminating error when there is none. The command holds
        /// it until it ends, so a Connect-Rinkel elsewhere does not close it under the command's feet.
        /// </summary>
        protected Connection ResolveConnection()
        {
            var connection = Connection ?? CurrentConnection.Get();
            if (connection != null && _use == null) _use = connection.TryUse();
            // A Connect-Rinkel in another runspace may have replaced (and closed) the current connection between the
            // two lines above: the new current one is what the user means.
            for (var retry = 0; retry < 3 && connection != null && _use == null && Connection == null; retry++)
            {
                var current = CurrentConnection.Get();
                if (current == null || ReferenceEquals(current, connection)) break;
                connection = current;
                _use = connection.TryUse();
            }
            if (connection != null && _use == null)
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
                    // Read for a person at a prompt and for a runbook's log alike: no advice that needs someone to type.
                    RecommendedAction = "In a script, connect first with Connect-Rinkel -Credential ... or with RINKEL_API_KEY set, and use -ErrorAction Stop " +
                        "so a failed connection ends the script. In an interactive session, run Connect-Rinkel: it prompts for the key.",
                },
            });
            throw new InvalidOperationException("unreachable");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) System.Threading.Interlocked.Exchange(ref _use, null)?.Dispose();
        }
    }
}
