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
                    // Read for a person at a prompt and for a runbook's log alike: no advice that needs someone to type.
                    RecommendedAction = "In a script, connect first with Connect-Rinkel -Credential ... or with RINKEL_API_KEY set, and use -ErrorAction Stop " +
                        "so a failed connection ends the script. In an interactive session, run Connect-Rinkel: it prompts for the key.",
                },
            });
            throw new InvalidOperationException("unreachable");
        }
    }
}
