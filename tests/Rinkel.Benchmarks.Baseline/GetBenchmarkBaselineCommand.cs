using System.Management.Automation;

namespace Rinkel.Benchmarks.Baseline
{
    /// <summary>The one cmdlet of the baseline module: exists only to be found by Import-Module.</summary>
    [Cmdlet(VerbsCommon.Get, "BenchmarkBaseline")]
    [OutputType(typeof(string))]
    public sealed class GetBenchmarkBaselineCommand : PSCmdlet
    {
        protected override void ProcessRecord() => WriteObject("baseline");
    }
}
