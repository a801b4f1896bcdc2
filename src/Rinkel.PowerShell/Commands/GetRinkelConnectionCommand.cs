using System.Management.Automation;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>Returns the current connection, or nothing when not connected.</summary>
    [Cmdlet(VerbsCommon.Get, "RinkelConnection")]
    [OutputType(typeof(Connection))]
    public sealed class GetRinkelConnectionCommand : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            var current = CurrentConnection.Get();
            if (current == null) WriteVerbose("Not connected to Rinkel. Run Connect-Rinkel.");
            else
            {
                current.MarkHandedOut();
                WriteObject(current);
            }
        }
    }
}
