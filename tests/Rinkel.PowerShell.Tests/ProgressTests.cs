using System.Management.Automation;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

public sealed class ProgressTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    [Fact]
    public async Task Listing_reports_users_fetched_of_total_and_completes_the_record()
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 137 });
        Connect();
        var result = Session.Run("$ProgressPreference = 'Continue'; Get-RinkelUser").ThrowIfFailed();

        var progress = result.Progress;
        Assert.Equal(["50 of 137 users", "100 of 137 users", "137 of 137 users"],
            progress.Where(p => p.RecordType == ProgressRecordType.Processing).Select(p => p.StatusDescription));
        Assert.Equal([36, 72, 100], progress.Where(p => p.RecordType == ProgressRecordType.Processing).Select(p => p.PercentComplete));
        Assert.All(progress, p => Assert.Equal("Listing Rinkel users", p.Activity));
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
    }

    [Fact]
    public async Task Without_meta_progress_counts_users_without_a_percentage()
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 60, Meta = false });
        Connect();
        var result = Session.Run("$ProgressPreference = 'Continue'; Get-RinkelUser").ThrowIfFailed();
        Assert.Equal(["50 users", "60 users"], result.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).Select(p => p.StatusDescription));
        Assert.All(result.Progress, p => Assert.Equal(-1, p.PercentComplete));
    }

    [Fact]
    public void ProgressPreference_SilentlyContinue_silences_it()
    {
        Connect();
        var result = Session.Run("$ProgressPreference = 'SilentlyContinue'; Get-RinkelUser").ThrowIfFailed();
        Assert.Equal(137, result.Output.Count);
        Assert.Empty(result.Progress);
    }
}
