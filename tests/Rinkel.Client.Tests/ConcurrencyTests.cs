using static Rinkel.Client.Tests.Clients;

namespace Rinkel.Client.Tests;

public sealed class ConcurrencyTests(ApiFixture first, SecondTenantFixture second)
    : IClassFixture<ApiFixture>, IClassFixture<SecondTenantFixture>, IAsyncLifetime
{
    private FakeRinkelApi Api => first.Api;
    private FakeRinkelApi Other => second.Api;

    public async Task InitializeAsync()
    {
        await Api.ResetAsync();
        await Other.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task One_client_serves_8_threads_listing_and_fetching_by_id_at_once()
    {
        await Api.ConfigureAsync(new FakeApiConfig { LatencyMs = 10 });
        using var client = Create(Api);

        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var listing = (await ListAsync(client)).ThrowIfFailed();
            Assert.Equal(Ids(0, 137), listing.Ids);
            var wanted = Enumerable.Range(0, 20).Select(i => (worker * 17 + i * 7) % 137).ToList();
            var users = await Task.WhenAll(wanted.Select(i => client.GetUserAsync(Id(i), null, CancellationToken.None)));
            Assert.Equal(wanted.Select(i => Id(i)), users.Select(u => u.Id));
        })).ToList();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));

        var requests = await Api.GetRequestsAsync();
        Assert.Equal(8 * (3 + 20), requests.Count);
        Assert.All(requests, r => Assert.True(r.ApiKeyValid && r.Status == 200));
    }

    [Fact]
    public async Task Two_clients_of_two_tenants_never_mix_keys_or_results()
    {
        await Api.ConfigureAsync(new FakeApiConfig { LatencyMs = 5 });
        await Other.ConfigureAsync(new FakeApiConfig { LatencyMs = 5 });
        using var one = Create(Api);
        using var two = Create(Other);

        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var (client, seed, count) = worker % 2 == 0 ? (one, 1, 137) : (two, 2, 73);
            var listing = (await ListAsync(client)).ThrowIfFailed();
            Assert.Equal(Ids(0, count, seed), listing.Ids);
            for (var i = 0; i < 10; i++)
            {
                var index = (worker + i * 5) % count;
                Assert.Equal(Id(index, seed), (await client.GetUserAsync(Id(index, seed), null, CancellationToken.None)).Id);
            }
        })).ToList();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));

        var firstRequests = await Api.GetRequestsAsync();
        var secondRequests = await Other.GetRequestsAsync();
        Assert.Equal(4 * (3 + 10), firstRequests.Count);
        Assert.Equal(4 * (2 + 10), secondRequests.Count);
        Assert.All(firstRequests.Concat(secondRequests), r => Assert.True(r.ApiKeyValid, $"{r.RawTarget} was sent with the wrong key"));
    }

    [Theory]
    [InlineData(429)]
    public async Task When_one_request_is_told_to_wait_the_connection_waits_and_other_connections_do_not(int status)
    {
        await Api.AddFaultsAsync(FakeFault.Status(status, path: "/v1/users/*") with { RetryAfterSeconds = 1 });
        using var throttled = Create(Api, o => o.UserAgent = "throttled");
        using var bystander = Create(Api, o => o.UserAgent = "bystander");
        var observer = new RecordingObserver();

        var told = throttled.GetUserAsync(Id(0), observer, CancellationToken.None);
        await observer.FirstRetry.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var others = Enumerable.Range(1, 6).Select(i => throttled.GetUserAsync(Id(i), null, CancellationToken.None))
            .Concat(Enumerable.Range(1, 3).Select(i => bystander.GetUserAsync(Id(i), null, CancellationToken.None)))
            .Append(told)
            .ToList();
        var users = await Task.WhenAll(others).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(10, users.Length);
        var requests = await Api.GetRequestsAsync();
        var toldToWait = requests.Single(r => r.Status == status);
        var waitEnds = toldToWait.ReceivedAt.AddMilliseconds(toldToWait.ElapsedMs).AddSeconds(0.95);
        var sameConnection = requests.Where(r => r.UserAgent == "throttled" && r.Seq != toldToWait.Seq).ToList();
        Assert.Equal(7, sameConnection.Count);
        Assert.All(sameConnection, r => Assert.True(r.ReceivedAt >= waitEnds, $"{r.RawTarget} arrived {(waitEnds - r.ReceivedAt).TotalMilliseconds:0} ms before the wait ended"));
        var otherConnection = requests.Where(r => r.UserAgent == "bystander").ToList();
        Assert.Equal(3, otherConnection.Count);
        Assert.All(otherConnection, r => Assert.True(r.ReceivedAt < waitEnds.AddSeconds(-0.5), "another connection was held back"));
    }

    [Fact]
    public async Task A_503_with_Retry_After_delays_only_the_retry_of_that_request()
    {
        // A few ids on an overloaded backend must not hold back the hundreds of others (issue 11, item 8).
        var failing = new[] { Id(3), Id(17), Id(29) };
        await Api.AddFaultsAsync(failing.Select(id => FakeFault.Status(503, path: "/v1/users/" + id) with { RetryAfterSeconds = 2 }).ToArray());
        using var client = Create(Api);
        var observer = new RecordingObserver();

        // The failing ids first; once their 503s are in, the other ids are asked for (as a fan-out's window moves on).
        var slow = failing.Select(id => client.GetUserAsync(id, observer, CancellationToken.None)).ToList();
        while (observer.Retries.Count < 3) await Task.Delay(10).WaitAsync(TimeSpan.FromSeconds(5));
        var rest = Ids(0, 40).Except(failing).Select(id => client.GetUserAsync(id, null, CancellationToken.None)).ToList();
        var users = await Task.WhenAll(rest.Concat(slow)).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(Ids(0, 40).Except(failing).Concat(failing), users.Select(u => u.Id));
        var requests = await Api.GetRequestsAsync();
        var firstRetryAllowed = requests.Where(r => r.Status == 503).Min(r => r.ReceivedAt).AddSeconds(1.9);
        var others = requests.Where(r => !failing.Any(id => r.Path.EndsWith(id, StringComparison.Ordinal))).ToList();
        Assert.Equal(37, others.Count);
        Assert.All(others, r => Assert.True(r.ReceivedAt < firstRetryAllowed, $"{r.Path} was held back by another id's 503"));
        Assert.Equal(3, requests.Count(r => r.Status == 503));
        Assert.All(requests.Where(r => r.Status == 200 && failing.Any(id => r.Path.EndsWith(id, StringComparison.Ordinal))),
            r => Assert.True(r.ReceivedAt >= firstRetryAllowed.AddSeconds(-0.1), "a 503's own retry ignored its Retry-After"));
        Assert.Equal(0, client.ThrottledFor.Ticks);
    }

    [Fact]
    public async Task A_cancelled_Retry_After_wait_does_not_hold_the_connection_back()
    {
        await Api.AddFaultsAsync(FakeFault.RateLimited(retryAfterSeconds: 60, path: "/v1/users/" + Id(1)));
        using var client = Create(Api, o => o.MaxRetryDuration = TimeSpan.FromMinutes(2));
        var observer = new RecordingObserver();
        using var cancel = new CancellationTokenSource();

        var waiting = client.GetUserAsync(Id(1), observer, cancel.Token);
        await observer.FirstRetry.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(client.ThrottledFor > TimeSpan.FromSeconds(50));
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        // Nobody waits the 429 out any more: the next call goes at once (it waited the remaining minute before).
        Assert.Equal(TimeSpan.Zero, client.ThrottledFor);
        var (user, _, elapsed) = await GetAsync(client, Id(2));
        Assert.Equal(Id(2), user?.Id);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"took {elapsed}");
    }

    [Fact]
    public async Task A_request_that_inherits_a_throttle_reports_the_wait_and_goes_when_it_ends()
    {
        await Api.AddFaultsAsync(FakeFault.RateLimited(retryAfterSeconds: 2, path: "/v1/users/" + Id(1)));
        using var client = Create(Api);
        var holder = new RecordingObserver();
        var inheritor = new WaitRecordingObserver();

        var held = client.GetUserAsync(Id(1), holder, CancellationToken.None);
        await holder.FirstRetry.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var user = await client.GetUserAsync(Id(2), inheritor, CancellationToken.None);
        await held;

        Assert.Equal(Id(2), user.Id);
        Assert.True(stopwatch.Elapsed > TimeSpan.FromSeconds(1.5), $"the inherited wait took only {stopwatch.Elapsed}");
        var waits = inheritor.Waits.ToList();
        Assert.True(waits.Count >= 2, $"{waits.Count} wait report(s)");
        Assert.All(waits, w => Assert.True(w.Inherited));
        Assert.InRange(waits[0].Remaining, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2));
        Assert.Contains("429 Too Many Requests to GET ", waits[0].Reason);
        Assert.EndsWith(Id(1), waits[0].Reason);
        Assert.EndsWith(Id(2), waits[0].Uri.AbsolutePath);
        Assert.True(waits[^1].Ended);
        Assert.Single(waits, w => w.Ended);
    }

    private sealed class WaitRecordingObserver : IRinkelObserver, IRinkelWaitObserver
    {
        public System.Collections.Concurrent.ConcurrentQueue<WaitTrace> Waits { get; } = new();
        public void OnWaiting(WaitTrace trace) => Waits.Enqueue(trace);
        public void OnRequestCompleted(RequestTrace trace) { }
        public void OnRetryScheduled(RetryTrace trace) { }
        public void OnWarning(string message) { }
        public void OnListingProgress(long received, long? total) { }
    }

    [Fact]
    public async Task A_listing_narrows_its_window_after_being_throttled()
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 600, LatencyMs = 100 });
        await Api.AddFaultsAsync(FakeFault.RateLimited(retryAfterSeconds: 0, page: 2));
        using var client = Create(Api, o => o.MaxConcurrentPages = 4);

        var outcome = (await ListAsync(client)).ThrowIfFailed();

        Assert.Equal(Ids(0, 600), outcome.Ids);
        var requests = await Api.GetRequestsAsync();
        var afterThrottle = requests.Where(r => r.ReceivedAt > requests.Single(x => x.Status == 429).ReceivedAt.AddMilliseconds(150));
        Assert.True(PagingTests.MaxOverlap(afterThrottle) <= 2, "the window did not shrink after a 429");
    }
}
