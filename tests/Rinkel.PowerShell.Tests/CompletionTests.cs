using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

public sealed class CompletionTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private const string Complete = """
        $line = $args[0]
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches |
            ForEach-Object { $_.CompletionText + '|' + $_.ListItemText + '|' + $_.ToolTip }
        """;

    [Fact]
    public async Task Id_completes_from_a_cached_listing_with_the_name_in_the_list_text()
    {
        Connect();
        await Api.ClearRequestsAsync();

        var prefix = FakeRinkelApi.UserId(5)[..20];
        var byId = Session.Run(Complete, "Get-RinkelUser -Id " + prefix).ThrowIfFailed().Output.Select(o => o.ToString()!.Split('|')).ToList();
        var match = Assert.Single(byId, m => m[0] == FakeRinkelApi.UserId(5));
        Assert.Matches(@"^\S.* \([0-9a-f]{24}\)$", match[1]);
        Assert.Contains("@example.com", match[2]);

        var listingRequests = (await Api.GetRequestsAsync()).Count;
        Assert.True(listingRequests >= 1);

        // More keystrokes: served from the cache, no further requests.
        var name = match[1][..match[1].IndexOf(' ')];
        var byName = Session.Run(Complete, "Get-RinkelUser -Id " + name).ThrowIfFailed().Output.Select(o => o.ToString()!.Split('|')[0]).ToList();
        Assert.Contains(FakeRinkelApi.UserId(5), byName);
        Session.Run(Complete, "Get-RinkelUser -Id " + prefix[..10]).ThrowIfFailed();
        Assert.Equal(listingRequests, (await Api.GetRequestsAsync()).Count);
    }

    [Fact]
    public void Not_connected_completes_nothing_silently()
    {
        var result = Session.Run(Complete, "Get-RinkelUser -Id 64");
        Assert.Empty(result.AllErrors);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task A_failing_API_completes_nothing_silently()
    {
        await Api.AddFaultsAsync(FakeFault.Status(401, times: 50));
        Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1]", FakeApiFixture.Secure(Api.ApiKey), Api.BaseUri);
        await Api.ClearFaultsAsync();
        Connect();
        await Api.AddFaultsAsync(FakeFault.Status(500, times: 50));
        var result = Session.Run(Complete, "Get-RinkelUser -Id 64");
        Assert.Empty(result.AllErrors);
        Assert.Empty(result.Output);
    }
}
