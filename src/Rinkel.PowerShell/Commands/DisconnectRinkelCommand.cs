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
            // Everywhere at once: other runspaces, saved references and the -Id completer send nothing more; requests
            // already on the wire finish, and the key is disposed as soon as the last of them has ended.
            previous?.Close();
            WriteVerbose(previous == null ? "Not connected to Rinkel; nothing to do." : $"Disconnected from {previous.BaseUri}.");
        }
    }
}
