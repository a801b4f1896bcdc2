using static Rinkel.Client.Tests.Clients;

namespace Rinkel.Client.Tests;

/// <summary>
/// Every fault the fake can serve, on page 2 of a 3-page listing and on a single user: the outcome, the requests
/// the server saw, that no user was lost or repeated, and that the run ended within a bound.
/// </summary>
public sealed class FaultMatrixTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const int Users = 137;

    private FakeRinkelApi Api => fixture.Api;

    public Task InitializeAsync() => Api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <param name="Page2Requests">How many times the server saw page 2 (the first attempt and its retries).</param>
    /// <param name="Retries">Retries the client reported; by default one fewer than the page 2 requests.</param>
    public sealed record Case(
        FakeFault Fault,
        RinkelErrorKind? Error,
        int Page2Requests,
        double MaxSeconds,
        double MinSeconds = 0,
        int? Status = null,
        string[]? Message = null,
        bool RetryAfter = false,
        Action<RinkelClientOptions>? Configure = null);

    private static readonly Action<RinkelClientOptions> ShortTimeout = o => o.Timeout = TimeSpan.FromMilliseconds(600);

    private static readonly Action<RinkelClientOptions> SlowBackoff = o =>
    {
        o.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
        o.MaxRetryDelay = TimeSpan.FromSeconds(1);
    };

    public static readonly Dictionary<string, Case> Cases = new()
    {
        // Transient failures that a retry cures: every user once, in order.
        ["429 with Retry-After seconds"] = new(FakeFault.RateLimited(retryAfterSeconds: 1, page: 2), null, 2, 5, MinSeconds: 0.95, RetryAfter: true),
        ["429 with Retry-After HTTP-date"] = new(FakeFault.RateLimited(retryAfterDateSeconds: 2, page: 2), null, 2, 5, MinSeconds: 0.9, RetryAfter: true),
        ["429 without Retry-After"] = new(FakeFault.RateLimited(page: 2), null, 2, 3),
        // Retry-After 0, negative or unreadable: the backoff (here at least 100 + 200 ms) is the floor, never a burst.
        ["429 twice with Retry-After 0"] = new(FakeFault.RateLimited(retryAfterSeconds: 0, page: 2, times: 2), null, 3, 3, MinSeconds: 0.29,
            Configure: SlowBackoff),
        ["429 twice with a negative Retry-After"] = new(FakeFault.RateLimited(page: 2, times: 2) with { RetryAfterRaw = "-5" }, null, 3, 3,
            MinSeconds: 0.29, Configure: SlowBackoff),
        ["429 twice with an unreadable Retry-After"] = new(FakeFault.RateLimited(page: 2, times: 2) with { RetryAfterRaw = "soon" }, null, 3, 3,
            MinSeconds: 0.29, Configure: SlowBackoff),
        ["503 twice with Retry-After 0"] = new(FakeFault.Status(503, page: 2, times: 2) with { RetryAfterRaw = "0" }, null, 3, 3,
            MinSeconds: 0.29, Configure: SlowBackoff),
        ["503 burst of 3"] = new(FakeFault.Status(503, page: 2, times: 3), null, 4, 3),
        ["503 with Retry-After"] = new(FakeFault.Status(503, page: 2) with { RetryAfterSeconds = 1 }, null, 2, 5, MinSeconds: 0.95, RetryAfter: true),
        ["502 once"] = new(FakeFault.Status(502, page: 2), null, 2, 3),
        ["504 once"] = new(FakeFault.Status(504, page: 2), null, 2, 3),
        ["HTML 502 page once"] = new(FakeFault.Malformed(MalformedVariant.Html, page: 2), null, 2, 3),
        // A timeout roomy enough that the healthy retry never hits it on a loaded CI machine (a 600 ms one did).
        ["slow response beyond the timeout once"] = new(FakeFault.Delay(10000, page: 2), null, 2, 6, MinSeconds: 1.9,
            Configure: o => o.Timeout = TimeSpan.FromSeconds(2)),
        ["connection dropped once"] = new(FakeFault.Drop(page: 2), null, 2, 3),
        ["connection dropped 3 times"] = new(FakeFault.Drop(page: 2, times: 3), null, 4, 3),
        ["wrong content type"] = new(FakeFault.Malformed(MalformedVariant.WrongContentType, page: 2), null, 1, 3),

        // Retries that run out: one error naming the status, what the API said and the attempts.
        ["503 until retries run out"] = new(FakeFault.Status(503, page: 2, times: 10), RinkelErrorKind.ServerError, 4, 3, Status: 503,
            Message: ["failed with 503 Service Unavailable", "Service Unavailable (SERVICE_UNAVAILABLE)", "Gave up after 4 attempts"]),
        ["429 until retries run out"] = new(FakeFault.RateLimited(retryAfterSeconds: 0, page: 2, times: 10), RinkelErrorKind.RateLimited, 4, 3, Status: 429,
            Message: ["failed with 429 Too Many Requests", "(TOO_MANY_REQUESTS)", "Gave up after 4 attempts"]),
        ["429 with Retry-After beyond the budget"] = new(FakeFault.RateLimited(retryAfterSeconds: 61, page: 2), RinkelErrorKind.RateLimited, 1, 1.5, Status: 429,
            Message: ["retry after 61 s", "beyond the retry budget of 5 s"], Configure: o => o.MaxRetryDuration = TimeSpan.FromSeconds(5)),
        ["HTML 502 page until retries run out"] = new(FakeFault.Malformed(MalformedVariant.Html, page: 2, times: 10), RinkelErrorKind.ServerError, 4, 3, Status: 502,
            Message: ["failed with 502 Bad Gateway", "HTML page", "Gave up after 4 attempts"]),
        ["slow responses until retries run out"] = new(FakeFault.Delay(5000, page: 2, times: 10), RinkelErrorKind.Timeout, 3, 4, MinSeconds: 1.7,
            Message: ["No response within 0.6 s", "Gave up after 3 attempts"], Configure: o => { ShortTimeout(o); o.MaxRetryCount = 2; }),
        ["connection dropped until retries run out"] = new(FakeFault.Drop(page: 2, times: 10), RinkelErrorKind.ConnectionFailed, 4, 3,
            Message: ["Gave up after 4 attempts"]),

        // Failures a retry cannot cure: no retry, the same error at once.
        ["500"] = new(FakeFault.Status(500, page: 2, times: 10), RinkelErrorKind.ServerError, 1, 2, Status: 500,
            Message: ["failed with 500 Internal Server Error", "(INTERNAL_SERVER_ERROR)"]),
        // Hostile text: the key quoted back and terminal control sequences, redacted and made visible in the message.
        ["403 quoting the key back"] = new(FakeFault.Status(403, page: 2) with { EchoApiKey = true }, RinkelErrorKind.PermissionDenied, 1, 2, Status: 403,
            Message: ["failed with 403 Forbidden: Forbidden (key [redacted]) (FORBIDDEN)", "The key '[redacted]' is not allowed"]),
        ["503 with control sequences until retries run out"] = new(FakeFault.Status(503, page: 2, times: 10) with
        {
            ReasonPhrase = "Busy\u001b[2J\u001b]0;pwned\u0007", Message = HostileTextTests.Hostile,
        }, RinkelErrorKind.ServerError, 4, 3, Status: 503,
            Message: ["failed with 503 Busy\\x1B[2J\\x1B]0;pwned\\x07: Oops\\x1B[2J", "\\u202Etxt.exe\\u202C  WARNING: forged \\x9B31m"]),
        ["401 mid-listing"] = new(FakeFault.Status(401, page: 2, times: 10), RinkelErrorKind.Authentication, 1, 2, Status: 401),
        ["malformed JSON"] = new(FakeFault.Malformed(MalformedVariant.InvalidJson, page: 2), RinkelErrorKind.InvalidResponse, 1, 2, Status: 200,
            Message: ["unusable response (200 OK)", "could not be read"]),
        ["truncated body"] = new(FakeFault.Malformed(MalformedVariant.Truncated, page: 2), RinkelErrorKind.InvalidResponse, 1, 2, Status: 200,
            Message: ["could not be read", "truncated"]),
        ["empty 200 body"] = new(FakeFault.Malformed(MalformedVariant.Empty, page: 2), RinkelErrorKind.InvalidResponse, 1, 2, Status: 200,
            Message: ["empty body"]),
        ["HTML page with 200"] = new(FakeFault.Malformed(MalformedVariant.Html, status: 200, page: 2), RinkelErrorKind.InvalidResponse, 1, 2, Status: 200,
            Message: ["HTML page"]),
        ["wrong shape"] = new(FakeFault.Malformed(MalformedVariant.WrongShape, page: 2), RinkelErrorKind.InvalidResponse, 1, 2, Status: 200),
        ["enormous body"] = new(FakeFault.Malformed(MalformedVariant.Huge, sizeMb: 8, page: 2), RinkelErrorKind.InvalidResponse, 1, 3,
            Message: ["larger than 1 MB"], Configure: o => o.MaxResponseBytes = 1024 * 1024),
    };

    public static TheoryData<string> CaseNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in Cases.Keys) data.Add(name);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Listing_with_a_fault_on_page_2(string name)
    {
        var c = Cases[name];
        await Api.AddFaultsAsync(c.Fault);
        using var client = Create(Api, c.Configure);
        var observer = new RecordingObserver();

        var outcome = await ListAsync(client, observer: observer);

        var requests = await Api.GetRequestsAsync();
        var pages = requests.Select(r => PageOf(r)!.Value).ToList();
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(c.MaxSeconds), $"{name}: took {outcome.Elapsed}");
        Assert.True(outcome.Elapsed >= TimeSpan.FromSeconds(c.MinSeconds), $"{name}: took only {outcome.Elapsed}");
        Assert.Equal(c.Page2Requests, pages.Count(p => p == 2));
        Assert.Equal(1, pages.Count(p => p == 1));
        Assert.All(pages, p => Assert.InRange(p, 1, 3));
        Assert.All(requests, r => Assert.True(r.ApiKeyValid));

        if (c.Error is null)
        {
            Assert.Null(outcome.Error);
            Assert.Equal(Ids(0, Users), outcome.Ids); // every user exactly once, in API order
            Assert.Equal(1, pages.Count(p => p == 3));
            Assert.Equal(c.Page2Requests - 1, observer.Retries.Count);
        }
        else
        {
            var error = outcome.Error;
            Assert.NotNull(error);
            Assert.Equal(c.Error, error.Kind);
            Assert.Equal(c.Status, error.StatusCode);
            Assert.Equal(c.Page2Requests, error.Attempts);
            Assert.Contains("page=2", error.RequestUri.Query);
            Assert.Equal(Ids(0, 50), outcome.Ids); // what arrived before the failure, and nothing after it
            Assert.True(pages.Count(p => p == 3) <= 1);
            foreach (var part in c.Message ?? []) Assert.Contains(part, error.Message);
            Assert.DoesNotContain("Exception", error.Message);
            Assert.DoesNotContain(Api.ApiKey, error.ToString());
            HostileTextTests.AssertInert(error.Message);
        }

        if (c.RetryAfter)
        {
            Assert.All(observer.Retries, r => Assert.True(r.FromRetryAfter));
        }

        Assert.All(observer.Retries, r => Assert.Contains("page=2", r.Uri.Query));
        Assert.All(observer.Retries, r => HostileTextTests.AssertInert(r.Reason));
        Assert.All(observer.Requests, r => HostileTextTests.AssertInert(r.ReasonPhrase));
    }

    public static TheoryData<string> SingleUserCaseNames => new()
    {
        "429 with Retry-After seconds", "429 with Retry-After HTTP-date", "503 burst of 3", "slow response beyond the timeout once",
        "connection dropped once", "503 until retries run out", "slow responses until retries run out", "connection dropped until retries run out",
        "malformed JSON", "truncated body", "empty 200 body", "HTML page with 200", "HTML 502 page until retries run out", "wrong shape", "enormous body",
        "429 twice with Retry-After 0", "429 twice with a negative Retry-After", "503 twice with Retry-After 0", "403 quoting the key back",
        "503 with control sequences until retries run out",
    };

    [Theory]
    [MemberData(nameof(SingleUserCaseNames))]
    public async Task Single_user_with_a_fault(string name)
    {
        var c = Cases[name];
        await Api.AddFaultsAsync(c.Fault with { Page = null, Path = "/v1/users/*" });
        using var client = Create(Api, c.Configure);
        var observer = new RecordingObserver();

        var (user, error, elapsed) = await GetAsync(client, Id(7), observer);

        var requests = await Api.GetRequestsAsync();
        Assert.True(elapsed < TimeSpan.FromSeconds(c.MaxSeconds), $"{name}: took {elapsed}");
        Assert.True(elapsed >= TimeSpan.FromSeconds(c.MinSeconds), $"{name}: took only {elapsed}");
        Assert.Equal(c.Page2Requests, requests.Count);
        Assert.All(requests, r => Assert.Equal("/v1/users/" + Id(7), r.RawTarget));
        if (c.Error is null)
        {
            Assert.Null(error);
            Assert.Equal(Id(7), user!.Id);
        }
        else
        {
            Assert.Null(user);
            Assert.Equal(c.Error, error?.Kind);
            Assert.Equal(c.Page2Requests, error!.Attempts);
            foreach (var part in c.Message ?? []) Assert.Contains(part, error.Message);
        }
    }

    [Fact]
    public async Task Retry_delays_follow_Retry_After_whole_not_its_seconds_component()
    {
        // 61 s as TimeSpan.Seconds is 1: a client reading only that would retry after one second.
        await Api.AddFaultsAsync(FakeFault.RateLimited(retryAfterSeconds: 61, path: "/v1/users/*"));
        using var client = Create(Api, o => o.MaxRetryDuration = TimeSpan.FromMinutes(2));
        var observer = new RecordingObserver();
        using var cancel = new CancellationTokenSource();

        var call = client.GetUserAsync(Id(1), observer, cancel.Token);
        var retry = await observer.FirstRetry.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(61), retry.Delay);
        Assert.True(retry.FromRetryAfter);
        Assert.Equal(1, retry.FailedAttempt);
        Assert.Equal(4, retry.MaxAttempts);
        Assert.Contains("429", retry.Reason);

        // The wait is cancellable: it ends at once, not after a minute.
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"cancelling took {stopwatch.Elapsed}");
        Assert.Single(await Api.GetRequestsAsync());
    }

    [Fact]
    public async Task Cancelling_a_hung_request_ends_it_at_once_and_the_server_sees_the_abort()
    {
        await Api.AddFaultsAsync(FakeFault.Delay(30_000, path: "/v1/users/*"));
        using var client = Create(Api);
        using var cancel = new CancellationTokenSource();

        var call = client.GetUserAsync(Id(1), null, cancel.Token);
        await Task.Delay(1000); // time for the request to reach the server, also on a loaded CI machine
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"cancelling took {stopwatch.Elapsed}");
        // The server logs a request when it ends; under load the abort can take a moment to be processed there.
        IReadOnlyList<FakeRequest> requests = [];
        for (var waited = 0; waited < 5000 && requests.Count == 0; waited += 100)
        {
            await Task.Delay(100);
            requests = await Api.GetRequestsAsync();
        }
        var request = Assert.Single(requests);
        Assert.Equal(0, request.Status);
    }

    [Fact]
    public async Task Cancelling_a_listing_stops_every_page_in_flight()
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 1000, LatencyMs = 30_000 });
        using var client = Create(Api, o => o.Timeout = TimeSpan.FromMinutes(1));
        using var cancel = new CancellationTokenSource();

        var listing = ListAsync(client, cancellationToken: cancel.Token);
        await Task.Delay(500);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listing);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"cancelling took {stopwatch.Elapsed}");
        var count = (await Api.GetRequestsAsync()).Count;
        await Task.Delay(500);
        Assert.Equal(count, (await Api.GetRequestsAsync()).Count);
    }

    [Fact]
    public async Task Giving_up_on_a_long_Retry_After_does_not_hold_the_connection_back_afterwards()
    {
        await Api.AddFaultsAsync(FakeFault.RateLimited(retryAfterSeconds: 600, path: "/v1/users/*"));
        using var client = Create(Api, o => o.MaxRetryDuration = TimeSpan.FromSeconds(5));

        var (_, error, _) = await GetAsync(client, Id(1));
        Assert.Equal(RinkelErrorKind.RateLimited, error?.Kind);

        // The next call is the caller's decision to try again: it goes out at once, not after ten minutes.
        var (user, _, elapsed) = await GetAsync(client, Id(2));
        Assert.Equal(Id(2), user?.Id);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"took {elapsed}");
    }

    [Fact]
    public async Task The_total_retry_time_is_bounded()
    {
        // Ten 503s, a huge retry count, a two-second budget: the client stops at the budget, not at the count.
        await Api.AddFaultsAsync(FakeFault.Status(503, path: "/v1/users/*", times: 100));
        using var client = Create(Api, o =>
        {
            o.MaxRetryCount = 20;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(400);
            o.MaxRetryDuration = TimeSpan.FromSeconds(2);
        });

        var (_, error, elapsed) = await GetAsync(client, Id(1));

        Assert.Equal(RinkelErrorKind.ServerError, error?.Kind);
        Assert.True(elapsed < TimeSpan.FromSeconds(2.5), $"took {elapsed}");
        Assert.Contains("retry budget of 2 s is spent", error!.Message);
        Assert.Equal((await Api.GetRequestsAsync()).Count, error.Attempts);
        Assert.InRange(error.Attempts, 3, 20);
    }

    [Fact]
    public async Task MaxRetryCount_0_sends_once()
    {
        await Api.AddFaultsAsync(FakeFault.Status(503, path: "/v1/users/*", times: 10));
        using var client = Create(Api, o => o.MaxRetryCount = 0);

        var (_, error, _) = await GetAsync(client, Id(1));

        Assert.Equal(RinkelErrorKind.ServerError, error?.Kind);
        Assert.Equal(1, error!.Attempts);
        Assert.DoesNotContain("Gave up", error.Message);
        Assert.Single(await Api.GetRequestsAsync());
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task Client_errors_are_never_retried(int status)
    {
        await Api.AddFaultsAsync(FakeFault.Status(status, path: "/v1/users/*", times: 10));
        using var client = Create(Api);
        var observer = new RecordingObserver();

        var (_, error, _) = await GetAsync(client, Id(1), observer);

        Assert.Equal(status, error?.StatusCode);
        Assert.Equal(1, error!.Attempts);
        Assert.Empty(observer.Retries);
        Assert.Single(await Api.GetRequestsAsync());
    }
}
