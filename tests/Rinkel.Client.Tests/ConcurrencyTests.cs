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
    [InlineData(503)]
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
