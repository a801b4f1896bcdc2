using System.Management.Automation;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

public sealed class GetUserListTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(50, true)]
    [InlineData(51, false)]
    [InlineData(137, true)]
    [InlineData(137, false)]
    public async Task Lists_every_user_once_in_API_order_with_and_without_meta(int count, bool meta)
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = count, Meta = meta });
        Connect();
        await Api.ClearRequestsAsync();

        var result = Session.Run("Get-RinkelUser").ThrowIfFailed();

        Assert.Equal(Enumerable.Range(0, count).Select(i => FakeRinkelApi.UserId(i)), result.Output.Select(o => (string)o.Properties["Id"].Value));
        Assert.All(result.Output, o => Assert.Equal("Rinkel.User", o.TypeNames[0]));
        var requests = await Api.GetRequestsAsync();
        Assert.All(requests, r => Assert.Contains("perPage=50", r.Query));
        var expectedPages = meta ? Math.Max(1, (count + 49) / 50) : count / 50 + 1;
        Assert.Equal(expectedPages, requests.Count);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Where_Object_filters_typed_users()
    {
        Connect();
        var result = Session.Run("Get-RinkelUser | Where-Object Availability -eq 'AVAILABLE' | ForEach-Object { $_.Availability }").ThrowIfFailed();
        Assert.NotEmpty(result.Output);
        Assert.True(result.Output.Count < 137);
        Assert.All(result.Output, o => Assert.Equal("AVAILABLE", o.ToString()));
    }

    [Fact]
    public async Task IncludeAvatars_asks_the_API_for_avatars()
    {
        Connect();
        await Api.ClearRequestsAsync();
        var result = Session.Run("Get-RinkelUser -IncludeAvatars -First 2 | ForEach-Object { $_.AvatarUrls.Small }").ThrowIfFailed();
        Assert.All(result.Output, o => Assert.StartsWith("http", o.ToString()));
        Assert.Contains("includeAvatars=true", Assert.Single(await Api.GetRequestsAsync()).Query);

        var without = Session.Run("Get-RinkelUser -First 1 | ForEach-Object { $null -eq $_.AvatarUrls }").ThrowIfFailed();
        Assert.True((bool)without.Output.Single().BaseObject);
    }

    [Fact]
    public async Task Users_are_written_as_pages_arrive_not_after_the_whole_listing()
    {
        // Sequential paging (no meta) with latency: the first user must reach the next command before the last
        // page has even been requested.
        await Api.ConfigureAsync(new FakeApiConfig { Users = 137, Meta = false, LatencyMs = 300 });
        Connect();
        await Api.ClearRequestsAsync();

        var result = Session.Run("""
            $script:firstSeen = $null
            Get-RinkelUser | ForEach-Object { if (-not $script:firstSeen) { $script:firstSeen = [DateTimeOffset]::UtcNow } }
            $script:firstSeen
            """).ThrowIfFailed();

        var firstSeen = (DateTimeOffset)result.Output.Single().BaseObject;
        var lastPage = (await Api.GetRequestsAsync()).Single(r => r.Query.Contains("page=3&"));
        Assert.True(firstSeen < lastPage.ReceivedAt, $"first user at {firstSeen:O}, last page requested at {lastPage.ReceivedAt:O}");
    }

    [Fact]
    public async Task First_stops_requesting_pages_once_it_has_enough()
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 500 });
        Connect();
        await Api.ClearRequestsAsync();

        var five = Session.Run("Get-RinkelUser -First 5").ThrowIfFailed();
        Assert.Equal(5, five.Output.Count);
        Assert.Single(await Api.GetRequestsAsync());

        await Api.ClearRequestsAsync();
        var skipped = Session.Run("Get-RinkelUser -Skip 120 -First 40").ThrowIfFailed();
        Assert.Equal(Enumerable.Range(120, 40).Select(i => FakeRinkelApi.UserId(i)), skipped.Output.Select(o => (string)o.Properties["Id"].Value));
        Assert.Equal(["3", "4"], (await Api.GetRequestsAsync()).Select(r => System.Text.RegularExpressions.Regex.Match(r.Query, @"\bpage=(\d+)").Groups[1].Value).Order());
    }

    [Fact]
    public async Task IncludeTotalCount_reports_the_API_total()
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 137 });
        Connect();
        var result = Session.Run("$all = @(Get-RinkelUser -IncludeTotalCount -First 2); $all.Count; \"$($all[0])\"; $all[1].GetType().FullName").ThrowIfFailed();
        Assert.Equal(["3", "137", "Rinkel.User"], result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public async Task A_listing_that_cannot_recover_ends_with_a_terminating_error_after_what_it_had()
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 137 });
        Connect();
        await Api.AddFaultsAsync(FakeFault.Status(500, page: 2, times: 10));

        var result = Session.Run("Get-RinkelUser");

        Assert.Equal(50, result.Output.Count);
        var error = result.Terminating!;
        Assert.Equal("RinkelServerError,Rinkel.Commands.GetRinkelUserCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("500", error.ToString());
        Assert.Contains("page=2", error.TargetObject!.ToString());
    }

    [Fact]
    public async Task A_listing_that_does_not_add_up_ends_with_a_terminating_error_not_a_warning_alone()
    {
        // Issue 11 item 1: page 2 comes back empty while meta counts 3 pages; page 3 is still written.
        await Api.ConfigureAsync(new FakeApiConfig { Users = 137 });
        Connect();
        await Api.AddFaultsAsync(FakeFault.Rewrite(page: 2) with { EmptyData = true });

        var result = Session.Run("Get-RinkelUser");

        Assert.Equal(87, result.Output.Count);
        var error = result.Terminating!;
        Assert.Equal("RinkelInvalidResponse,Rinkel.Commands.GetRinkelUserCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Contains("page 2 was empty", error.ToString());
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Odd_beta_values_are_passed_through_not_fatal()
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 60, Odd = true });
        Connect();
        var result = Session.Run("Get-RinkelUser").ThrowIfFailed();
        Assert.Equal(60, result.Output.Count);
        var availabilities = result.Output.Select(o => o.Properties["Availability"].Value as string).ToHashSet();
        var roles = result.Output.Select(o => o.Properties["Role"].Value as string).ToHashSet();
        Assert.Contains("BUSY", availabilities);
        Assert.Contains("user", roles);
    }

    [Fact]
    public void Verbose_shows_one_line_per_request_without_the_key()
    {
        Connect();
        var result = Session.Run("Get-RinkelUser -Verbose -First 60").ThrowIfFailed();
        var lines = result.Verbose.Where(v => v.StartsWith("GET ")).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Matches(@"^GET http://127\.0\.0\.1:\d+/v1/users\?page=1&perPage=50 -> 200 OK in \d+ ms$", lines[0]);
        Assert.DoesNotContain(Api.ApiKey, result.AllText());
    }

    [Fact]
    public void Debug_adds_response_headers_and_sizes_without_the_key()
    {
        Connect();
        // -Debug would prompt (Inquire) in this non-console host; the preference variable is what runbooks set anyway.
        var result = Session.Run("$DebugPreference = 'Continue'; Get-RinkelUser -First 1").ThrowIfFailed();
        var debug = Assert.Single(result.Debug, d => d.StartsWith("Response 200"));
        Assert.Matches(@"^Response 200, [\d,]+ bytes:", debug);
        Assert.Contains("Content-Type: application/json", debug);
        Assert.DoesNotContain(Api.ApiKey, result.AllText());

        var quiet = Session.Run("$DebugPreference = 'SilentlyContinue'; Get-RinkelUser -First 1").ThrowIfFailed();
        Assert.Empty(quiet.Debug);
    }
}
