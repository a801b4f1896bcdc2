using System.Management.Automation;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>Forgets the current connection. Safe to run when not connected.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Rinkel")]
    [OutputType(typeof(void))]
    public sealed class DisconnectRinkelCommand : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            var previous = CurrentConnection.Clear();
            // Requests already in flight in other runspaces finish; any later use of the object is refused.
            previous?.Close();
            WriteVerbose(previous == null ? "Not connected to Rinkel; nothing to do." : $"Disconnected from {previous.BaseUri}.");
        }
    }
}
