using System.Diagnostics;
using System.Management.Automation;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

/// <summary>Waits caused by the API's throttling: visible while they last, and never outliving their reason.</summary>
public sealed class ThrottleWaitTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private static string Id(int index) => FakeRinkelApi.UserId(index);

    [Fact]
    public async Task A_command_held_back_by_another_commands_429_says_so_in_progress_and_verbose()
    {
        Connect();
        await Api.ClearRequestsAsync();
        await Api.AddFaultsAsync(FakeFault.RateLimited(retryAfterSeconds: 5, path: "/v1/users/" + Id(1)));
        using var other = new ModuleSession();
        var throttled = Task.Run(() => other.Run("Get-RinkelUser -Id $args[0]", Id(1)));
        await WaitForRequestsAsync(1, status: 429);
        var stopwatch = Stopwatch.StartNew();

        var result = Session.Run("$ProgressPreference = 'Continue'; Get-RinkelUser -Id $args[0] -Verbose", Id(2)).ThrowIfFailed();

        Assert.True(stopwatch.Elapsed > TimeSpan.FromSeconds(1), $"not held back: {stopwatch.Elapsed}");
        Assert.Equal(Id(2), result.Output.Single().Properties["Id"].Value);
        var waiting = Assert.Single(result.Verbose, v => v.StartsWith("Waiting "));
        Assert.Matches(@"^Waiting [1-5]\.\d s before GET http://127\.0\.0\.1:\d+/v1/users/" + Id(2) +
            @": the API throttled this connection \(429 Too Many Requests to GET http://127\.0\.0\.1:\d+/v1/users/" + Id(1) +
            @"\), and every request on it waits until then\.$", waiting);
        var records = result.Progress.Where(p => p.Activity == "Waiting for the Rinkel API").ToList();
        var first = records.First();
        Assert.Equal(ProgressRecordType.Processing, first.RecordType);
        Assert.Matches(@"^This connection is throttled by the API: [2-5] s left$", first.StatusDescription);
        Assert.InRange(first.SecondsRemaining, 2, 5);
        Assert.EndsWith("/v1/users/" + Id(2), first.CurrentOperation);
        Assert.True(records.Count(r => r.RecordType == ProgressRecordType.Processing) >= 2, "the wait was not counted down");
        Assert.Equal(ProgressRecordType.Completed, records[^1].RecordType);
        (await throttled).ThrowIfFailed();
    }

    [Fact]
    public async Task A_commands_own_Retry_After_wait_counts_down_in_progress()
    {
        Connect();
        await Api.AddFaultsAsync(FakeFault.Status(503, path: "/v1/users/*") with { RetryAfterSeconds = 2 });

        var result = Session.Run("$ProgressPreference = 'Continue'; Get-RinkelUser -Id $args[0]", Id(2)).ThrowIfFailed();

        var records = result.Progress.Where(p => p.Activity == "Waiting for the Rinkel API").ToList();
        Assert.Matches(@"^Retrying after 503 Service Unavailable: 2 s left$", records[0].StatusDescription);
        Assert.Equal(ProgressRecordType.Completed, records[^1].RecordType);
    }

    [Fact]
    public async Task After_Ctrl_C_during_a_Retry_After_wait_the_next_command_and_completion_go_at_once()
    {
        Connect();
        await Api.ClearRequestsAsync();
        await Api.AddFaultsAsync(FakeFault.RateLimited(retryAfterSeconds: 120, path: "/v1/users/" + Id(1)));
        using (var ps = Session.Begin("Get-RinkelUser -Id $args[0]", Id(1)))
        {
            var running = ps.BeginInvoke();
            await WaitForRequestsAsync(1, status: 429);
            await Task.Delay(200);
            ps.Stop();
            Assert.True(running.IsCompleted);
        }

        // Nobody is waiting the 429 out any more: it holds back neither another runspace nor tab completion.
        using var other = new ModuleSession();
        var stopwatch = Stopwatch.StartNew();
        var result = other.Run("Get-RinkelUser -Id $args[0] -Verbose", Id(2)).ThrowIfFailed();
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"the next command waited {stopwatch.Elapsed}");
        Assert.DoesNotContain(result.Verbose, v => v.StartsWith("Waiting "));
        stopwatch.Restart();
        var completion = Session.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText",
            "Get-RinkelUser -Id " + Id(7)[..20]).ThrowIfFailed();
        Assert.Contains(Id(7), completion.Output.Select(o => o.ToString()));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"completion waited {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Completion_never_waits_out_a_throttle_another_command_is_waiting_for()
    {
        Connect();
        await Api.ClearRequestsAsync();
        await Api.AddFaultsAsync(FakeFault.RateLimited(retryAfterSeconds: 15, path: "/v1/users/" + Id(1)));
        using var other = new ModuleSession();
        var throttled = Task.Run(() => other.Run("Get-RinkelUser -Id $args[0]", Id(1)));
        await WaitForRequestsAsync(1, status: 429);

        var stopwatch = Stopwatch.StartNew();
        var result = Session.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches", "Get-RinkelUser -Id 0");

        // Before, it waited out its whole 5-second fetch budget.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"completion waited {stopwatch.Elapsed}");
        Assert.Empty(result.AllErrors);
        (await throttled.WaitAsync(TimeSpan.FromSeconds(30))).ThrowIfFailed();
    }

    private async Task WaitForRequestsAsync(int count, int? status = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var requests = await Api.GetRequestsAsync();
            if (requests.Count(r => status is null || r.Status == status) >= count) return;
            await Task.Delay(25);
        }

        throw new TimeoutException($"The server did not see {count} request(s) within 10 s.");
    }
}
