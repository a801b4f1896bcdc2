using System.Diagnostics;
using System.Management.Automation;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

/// <summary>Retries, timeouts, Ctrl+C, integrity and concurrency, through the engine against real HTTP faults.</summary>
public sealed class ResilienceTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private static string Id(int index) => FakeRinkelApi.UserId(index);

    private static IEnumerable<string> Ids(PsResult result) => result.Output.Select(o => (string)o.Properties["Id"].Value);

    private PsResult ConnectWith(string options) =>
        Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1] " + options, FakeApiFixture.Secure(Api.ApiKey), Api.BaseUri).ThrowIfFailed();

    private async Task<IReadOnlyList<FakeRequest>> RequestsAsync() => await Api.GetRequestsAsync();

    [Fact]
    public async Task Each_retry_is_a_verbose_line_and_the_listing_still_has_every_user_once()
    {
        ConnectWith("-MaxRetryCount 3");
        await Api.ClearRequestsAsync();
        await Api.AddFaultsAsync(FakeFault.Status(503, page: 2), FakeFault.RateLimited(retryAfterSeconds: 1, page: 3));

        var result = Session.Run("Get-RinkelUser -Verbose").ThrowIfFailed();

        Assert.Equal(Enumerable.Range(0, 137).Select(Id), Ids(result));
        var retries = result.Verbose.Where(v => v.StartsWith("Retrying ")).ToList();
        Assert.Equal(2, retries.Count);
        Assert.Contains(retries, r => System.Text.RegularExpressions.Regex.IsMatch(r,
            @"^Retrying GET http://127\.0\.0\.1:\d+/v1/users\?page=2&perPage=50 in \d+\.\d s: attempt 1 of 4 got 503 Service Unavailable\.$"));
        Assert.Contains(retries, r => System.Text.RegularExpressions.Regex.IsMatch(r,
            @"^Retrying GET http://127\.0\.0\.1:\d+/v1/users\?page=3&perPage=50 in 1\.0 s \(as Retry-After asked\): attempt 1 of 4 got 429 Too Many Requests\.$"));
        // The retried attempts are traced too.
        Assert.Contains(result.Verbose, v => v.Contains("page=2&perPage=50 -> 200 OK") && v.EndsWith("(attempt 2)"));
        Assert.Equal(5, (await RequestsAsync()).Count);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Exhausted_retries_end_a_listing_with_one_error_naming_status_message_and_attempts()
    {
        ConnectWith("-MaxRetryCount 1");
        await Api.ClearRequestsAsync();
        await Api.AddFaultsAsync(FakeFault.Status(503, page: 2, times: 10));
        var stopwatch = Stopwatch.StartNew();

        var result = Session.Run("Get-RinkelUser");

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        Assert.Equal(Enumerable.Range(0, 50).Select(Id), Ids(result));
        var error = Assert.Single(result.AllErrors);
        Assert.Same(result.Terminating, error);
        Assert.Equal("RinkelServerError,Rinkel.Commands.GetRinkelUserCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        var message = error.ToString();
        Assert.Contains("failed with 503 Service Unavailable", message);
        Assert.Contains("Service Unavailable (SERVICE_UNAVAILABLE)", message);
        Assert.Contains("Gave up after 2 attempts", message);
        Assert.Contains("page=2", error.TargetObject!.ToString());
        Assert.Equal(2, (await RequestsAsync()).Count(r => r.Query.Contains("page=2&")));
    }

    [Fact]
    public async Task Exhausted_retries_on_429_are_a_LimitsExceeded_error()
    {
        ConnectWith("-MaxRetryCount 2");
        await Api.ClearRequestsAsync();
        await Api.AddFaultsAsync(FakeFault.RateLimited(retryAfterSeconds: 0, page: 1, times: 10));

        var result = Session.Run("Get-RinkelUser");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.AllErrors);
        Assert.Equal("RinkelRateLimited,Rinkel.Commands.GetRinkelUserCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("429 Too Many Requests", error.ToString());
        Assert.Contains("Gave up after 3 attempts", error.ToString());
        Assert.Equal(3, (await RequestsAsync()).Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task Client_errors_are_not_retried(int status)
    {
        ConnectWith("-MaxRetryCount 3");
        await Api.ClearRequestsAsync();
        await Api.AddFaultsAsync(FakeFault.Status(status, path: "/v1/users/*", times: 10));

        var result = Session.Run("Get-RinkelUser -Id $args[0] -Verbose", Id(1));

        Assert.Single(result.AllErrors);
        Assert.DoesNotContain(result.Verbose, v => v.StartsWith("Retrying "));
        Assert.Single(await RequestsAsync());
    }

    [Fact]
    public async Task A_hung_server_is_a_timeout_error_after_TimeoutSec_not_a_hang()
    {
        ConnectWith("-TimeoutSec 1 -MaxRetryCount 1");
        await Api.ClearRequestsAsync();
        await Api.AddFaultsAsync(FakeFault.Delay(60_000, page: 1, times: 10));
        var stopwatch = Stopwatch.StartNew();

        var result = Session.Run("Get-RinkelUser");

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
        var error = Assert.Single(result.AllErrors);
        Assert.Same(result.Terminating, error);
        Assert.Equal("RinkelTimeout,Rinkel.Commands.GetRinkelUserCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains("No response within 1 s", error.ToString());
        Assert.Contains("Gave up after 2 attempts", error.ToString());
        Assert.Equal(2, (await RequestsAsync()).Count);
    }

    [Fact]
    public async Task Stop_during_a_slow_listing_returns_within_a_second_and_nothing_runs_on()
    {
        Connect();
        await Api.ConfigureAsync(new FakeApiConfig { LatencyMs = 5000 });
        await Api.ClearRequestsAsync();

        using var ps = Session.Begin("Get-RinkelUser");
        var running = ps.BeginInvoke();
        await WaitForRequestsAsync(1);

        var stopwatch = Stopwatch.StartNew();
        ps.Stop();
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {stopwatch.Elapsed}");
        Assert.True(running.IsCompleted);
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);

        // The request in flight was abandoned (the server could not answer it) and nothing followed it.
        var seen = await RequestsAsync();
        await Task.Delay(1500);
        var later = await RequestsAsync();
        Assert.Equal(seen.Count, later.Count);
        Assert.All(later, r => Assert.Equal(0, r.Status));

        // The session is usable at once afterwards.
        await Api.ConfigureAsync(new FakeApiConfig { LatencyMs = 0 });
        Assert.Equal(3, Session.Run("Get-RinkelUser -First 3").ThrowIfFailed().Output.Count);
    }

    [Fact]
    public async Task Stop_during_a_long_Retry_After_wait_returns_within_a_second()
    {
        Connect();
        await Api.ClearRequestsAsync();
        await Api.AddFaultsAsync(FakeFault.RateLimited(retryAfterSeconds: 120, page: 1));

        using var ps = Session.Begin("Get-RinkelUser");
        var running = ps.BeginInvoke();
        await WaitForRequestsAsync(1, status: 429);
        await Task.Delay(200);

        var stopwatch = Stopwatch.StartNew();
        ps.Stop();
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {stopwatch.Elapsed}");
        Assert.True(running.IsCompleted);
        await Task.Delay(500);
        Assert.Single(await RequestsAsync());
    }

    [Fact]
    public async Task Users_added_during_a_listing_give_a_warning()
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 137 });
        Connect();
        await Api.ClearRequestsAsync();
        // Page 1 counts 137 users but is answered only after the tenant has grown to 160; pages 2 and 3 see 160.
        await Api.AddFaultsAsync(FakeFault.Delay(1000, page: 1));

        var listing = Task.Run(() => Session.Run("Get-RinkelUser"));
        await WaitForRequestsAsync(1);
        await Api.ConfigureAsync(new FakeApiConfig { Users = 160 });
        var result = (await listing).ThrowIfFailed();

        // The later pages count 4 pages: the listing follows them rather than drop the users pushed past page 3.
        Assert.Equal(Enumerable.Range(0, 160).Select(Id), Ids(result));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("reported 137 users at the start of the listing and 160 at the end", warning);
        Assert.Contains("returned 160", warning);
    }

    [Fact]
    public async Task Eight_runspaces_list_and_fetch_by_id_at_once_with_correct_results()
    {
        Connect();
        await Api.ConfigureAsync(new FakeApiConfig { LatencyMs = 20 });
        await Api.ClearRequestsAsync();
        var sessions = Enumerable.Range(0, 8).Select(_ => new ModuleSession()).ToList();
        try
        {
            var work = sessions.Select((session, n) => Task.Run(() =>
            {
                var wanted = Enumerable.Range(0, 15).Select(i => Id((n * 11 + i * 9) % 137)).ToArray();
                var listing = session.Run("Get-RinkelUser").ThrowIfFailed();
                var byId = session.Run("$args[0] | Get-RinkelUser", (object)wanted).ThrowIfFailed();
                return (Listing: Ids(listing).ToList(), ById: Ids(byId).ToList(), Wanted: wanted);
            })).ToList();
            var results = await Task.WhenAll(work).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.All(results, r =>
            {
                Assert.Equal(Enumerable.Range(0, 137).Select(Id), r.Listing);
                Assert.Equal(r.Wanted, r.ById);
            });
            var requests = await RequestsAsync();
            Assert.Equal(8 * (3 + 15), requests.Count);
            Assert.All(requests, r => Assert.True(r.ApiKeyValid && r.Status == 200));
        }
        finally
        {
            foreach (var session in sessions) session.Dispose();
        }
    }

    [Fact]
    public async Task Two_connections_to_two_tenants_in_one_session_never_mix_keys_or_results()
    {
        await using var second = await FakeRinkelApi.StartAsync(new FakeApiOptions { Users = 7, Seed = 2 });
        Connect();
        var result = Session.Run("""
            $other = Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1] -PassThru
            Connect-Rinkel -ApiKey $args[2] -BaseUri $args[3]
            $manifest = [System.IO.Path]::Combine((Get-Module Rinkel).ModuleBase, 'Rinkel.psd1')
            1..4 | ForEach-Object -Parallel {
                Import-Module $using:manifest
                $c = $using:other
                [pscustomobject]@{ Default = @(Get-RinkelUser -First 60).Id; Other = @(Get-RinkelUser -Connection $c).Id }
            } -ThrottleLimit 4
            """, FakeApiFixture.Secure(second.ApiKey), second.BaseUri, FakeApiFixture.Secure(Api.ApiKey), Api.BaseUri).ThrowIfFailed();

        Assert.Equal(4, result.Output.Count);
        foreach (var o in result.Output)
        {
            Assert.Equal(Enumerable.Range(0, 60).Select(Id), Strings(o.Properties["Default"].Value));
            Assert.Equal(Enumerable.Range(0, 7).Select(i => FakeRinkelApi.UserId(i, 2)), Strings(o.Properties["Other"].Value));
        }

        Assert.All(await second.GetRequestsAsync(), r => Assert.True(r.ApiKeyValid));
        Assert.All(await Api.GetRequestsAsync(), r => Assert.True(r.ApiKeyValid));
    }

    [Theory]
    [InlineData("@($args[0], '', $args[1])")]
    [InlineData("@($args[0], '  ', $args[1])")]
    [InlineData("@($args[0], $null, $args[1])")]
    [InlineData("@('', '')")]
    public async Task An_Id_array_with_empty_strings_is_a_parameter_error_before_any_request(string array)
    {
        Connect();
        await Api.ClearRequestsAsync();

        var result = Session.Run($"Get-RinkelUser -Id {array}", Id(1), Id(2));

        Assert.Empty(result.Output);
        var error = Assert.Single(result.AllErrors);
        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Empty(await RequestsAsync());
    }

    [Fact]
    public async Task Empty_strings_in_the_pipeline_are_errors_for_that_item_only()
    {
        Connect();
        await Api.ClearRequestsAsync();

        var result = Session.Run("$args[0], '', $args[1], '  ' | Get-RinkelUser", Id(1), Id(2));

        Assert.Equal([Id(1), Id(2)], Ids(result));
        Assert.Null(result.Terminating);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.StartsWith("ParameterArgumentValidationError", e.FullyQualifiedErrorId));
        Assert.Equal(2, (await RequestsAsync()).Count);
    }

    private static IEnumerable<string> Strings(object value) =>
        ((System.Collections.IEnumerable)(value is PSObject wrapped ? wrapped.BaseObject : value)).Cast<object>().Select(v => v.ToString()!);

    private async Task WaitForRequestsAsync(int count, int? status = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var requests = await RequestsAsync();
            if (requests.Count(r => status is null || r.Status == status) >= count) return;
            await Task.Delay(25);
        }

        throw new TimeoutException($"The server did not see {count} request(s) within 10 s.");
    }
}
