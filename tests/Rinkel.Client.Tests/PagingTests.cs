using static Rinkel.Client.Tests.Clients;

namespace Rinkel.Client.Tests;

public sealed class PagingTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private FakeRinkelApi Api => fixture.Api;

    public Task InitializeAsync() => Api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(0, true)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(1, false)]
    [InlineData(49, true)]
    [InlineData(49, false)]
    [InlineData(50, true)]
    [InlineData(50, false)]
    [InlineData(51, true)]
    [InlineData(51, false)]
    [InlineData(137, true)]
    [InlineData(137, false)]
    public async Task Every_user_once_in_API_order_with_and_without_meta(int count, bool meta)
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = count, Meta = meta });
        using var client = Create(Api);
        var observer = new RecordingObserver();

        var outcome = (await ListAsync(client, observer: observer)).ThrowIfFailed();

        Assert.Equal(Ids(0, count), outcome.Ids);
        Assert.Equal(meta ? count : null, outcome.TotalCount);
        var requests = await Api.GetRequestsAsync();
        // With meta the page count is known; without it the listing stops at the first short page after a full
        // one. A short first page alone cannot tell "the list ends" from "the API pages by fewer": page 2 tells.
        var expectedPages = meta ? Math.Max(1, (count + 49) / 50) : count is > 0 and < 50 ? 2 : count / 50 + 1;
        Assert.Equal(Enumerable.Range(1, expectedPages), requests.Select(r => PageOf(r)!.Value).Order());
        Assert.All(requests, r => Assert.Contains("perPage=50", r.Query));
        Assert.All(requests, r => Assert.Equal(200, r.Status));
        Assert.Empty(observer.Warnings);
        Assert.Equal(count, observer.Progress.LastOrDefault().Received);
    }

    [Theory]
    [InlineData(0, 5, new[] { 1 })]
    [InlineData(0, 50, new[] { 1 })]
    [InlineData(0, 51, new[] { 1, 2 })]
    [InlineData(49, 2, new[] { 1, 2 })]
    [InlineData(50, 50, new[] { 2 })]
    [InlineData(120, 40, new[] { 3, 4 })]
    [InlineData(130, 1000, new[] { 3, 4, 5, 6, 7 })]
    [InlineData(340, null, new[] { 7 })]
    [InlineData(350, null, new[] { 8 })]
    [InlineData(0, 0, new int[0])]
    public async Task Skip_and_First_request_only_the_pages_they_need(int skip, int? first, int[] pages)
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 340 });
        using var client = Create(Api);

        var outcome = (await ListAsync(client, new ListUsersOptions { Skip = skip, First = first })).ThrowIfFailed();

        var expectedCount = (int)Math.Max(0, Math.Min(first ?? int.MaxValue, 340 - skip));
        Assert.Equal(Ids(Math.Min(skip, 340), expectedCount), outcome.Ids);
        Assert.Equal(pages, (await Api.GetRequestsAsync()).Select(r => PageOf(r)!.Value).Order());
    }

    [Theory]
    [InlineData(120, 40, new[] { 3, 4 })]
    [InlineData(0, 60, new[] { 1, 2 })]
    public async Task Skip_and_First_without_meta(int skip, int first, int[] pages)
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 340, Meta = false });
        using var client = Create(Api);

        var outcome = (await ListAsync(client, new ListUsersOptions { Skip = skip, First = first })).ThrowIfFailed();

        Assert.Equal(Ids(skip, first), outcome.Ids);
        Assert.Equal(pages, (await Api.GetRequestsAsync()).Select(r => PageOf(r)!.Value).Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Pages_in_flight_never_exceed_MaxConcurrentPages(int window)
    {
        // 8 pages at 150 ms each: the server's own arrival and answer times show how many overlapped.
        await Api.ConfigureAsync(new FakeApiConfig { Users = 400, LatencyMs = 150 });
        using var client = Create(Api, o => o.MaxConcurrentPages = window);

        var outcome = (await ListAsync(client)).ThrowIfFailed();

        Assert.Equal(Ids(0, 400), outcome.Ids);
        var requests = await Api.GetRequestsAsync();
        Assert.Equal(Enumerable.Range(1, 8), requests.Select(r => PageOf(r)!.Value).Order());
        // Never more than the window; and a window above one is really used (allowing one straggler on a busy machine).
        Assert.InRange(MaxOverlap(requests), Math.Max(1, window - 1), window);
    }

    [Fact]
    public async Task Prefetch_stops_at_the_last_needed_page()
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 1000, LatencyMs = 30 });
        using var client = Create(Api, o => o.MaxConcurrentPages = 8);

        var outcome = (await ListAsync(client, new ListUsersOptions { First = 120 })).ThrowIfFailed();
        Assert.Equal(Ids(0, 120), outcome.Ids);
        Assert.Equal([1, 2, 3], (await Api.GetRequestsAsync()).Select(r => PageOf(r)!.Value).Order());

        // A full listing with a known page count never asks for the page after the last.
        await Api.ConfigureAsync(new FakeApiConfig { Users = 137 });
        await Api.ClearRequestsAsync();
        (await ListAsync(client)).ThrowIfFailed();
        Assert.Equal([1, 2, 3], (await Api.GetRequestsAsync()).Select(r => PageOf(r)!.Value).Order());
    }

    [Fact]
    public async Task The_window_refills_as_pages_arrive_not_when_the_reader_takes_them()
    {
        // Window 2, 100 ms per page, and a reader that takes page 1 and then pauses: arrived pages free their slot
        // at once, so pages go on arriving until twice the window waits for the reader, never more than 2 at a time.
        await Api.ConfigureAsync(new FakeApiConfig { Users = 1000, LatencyMs = 100 });
        using var client = Create(Api, o => o.MaxConcurrentPages = 2);
        using var listing = client.ListUsers(null, null);
        var users = new List<User>((await listing.ReadNextPageAsync(CancellationToken.None))!);

        await Task.Delay(1500);
        var requested = (await Api.GetRequestsAsync()).Select(r => PageOf(r)!.Value).Order().ToList();
        Assert.Equal([1, 2, 3, 4, 5], requested);

        while (await listing.ReadNextPageAsync(CancellationToken.None) is { } page) users.AddRange(page);
        Assert.Equal(Ids(0, 1000), users.Select(u => u.Id));
        var requests = await Api.GetRequestsAsync();
        Assert.Equal(Enumerable.Range(1, 20), requests.Select(r => PageOf(r)!.Value).Order());
        Assert.InRange(MaxOverlap(requests), 1, 2);
    }

    [Fact]
    public async Task A_reader_that_stops_early_cancels_the_prefetched_pages()
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 1000, LatencyMs = 1500 });
        using var client = Create(Api, o => o.MaxConcurrentPages = 4);
        var listing = client.ListUsers(null, null);
        var first = await listing.ReadNextPageAsync(CancellationToken.None);
        Assert.Equal(50, first!.Count);
        // The prefetched pages 2..5 reach the server and wait there (polled: on a busy machine they take a while).
        var arrived = System.Diagnostics.Stopwatch.StartNew();
        while ((await Api.GetRequestsAsync()).Count < 5 && arrived.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(25);

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        listing.Dispose();
        Assert.True(stopwatch.Elapsed < TimeSpan.FromMilliseconds(500), $"Dispose took {stopwatch.Elapsed}");

        // The prefetched pages were abandoned by the client: the server could not answer them (status 0).
        await Task.Delay(300);
        var requests = await Api.GetRequestsAsync();
        Assert.Equal([1, 2, 3, 4, 5], requests.Select(r => PageOf(r)!.Value).Order());
        Assert.All(requests.Where(r => PageOf(r) > 1), r => Assert.Equal(0, r.Status));
    }

    [Fact]
    public async Task Users_added_while_listing_give_a_warning_not_a_silent_difference()
    {
        // Page 1 is counted with 137 users but answered after the tenant grew to 160, so pages 2 and 3 see 160.
        await Api.ConfigureAsync(new FakeApiConfig { Users = 137 });
        await Api.AddFaultsAsync(FakeFault.Delay(800, page: 1));
        using var client = Create(Api);
        var observer = new RecordingObserver();

        var listing = ListAsync(client, observer: observer);
        await Task.Delay(300);
        await Api.ConfigureAsync(new FakeApiConfig { Users = 160 });
        var outcome = (await listing).ThrowIfFailed();

        // Pages 2 and 3 count 4 pages: the listing follows the newer count rather than drop the users it pushed out.
        Assert.Equal(Ids(0, 160), outcome.Ids);
        var warning = Assert.Single(observer.Warnings);
        Assert.Contains("137", warning);
        Assert.Contains("160", warning);
    }

    [Fact]
    public async Task A_total_that_changes_on_a_middle_page_is_reported_even_when_the_last_page_agrees()
    {
        // The tenant shrinks for page 2 only (a user removed, then another added): every count ends up "right",
        // yet the pages were not one consistent list.
        await Api.ConfigureAsync(new FakeApiConfig { Users = 137, Meta = true, LatencyMs = 0 });
        var page1 = """{"data":[USERS1],"meta":{"pagination":{"totalItems":137,"totalPages":3,"currentPage":1,"perPage":50}}}""";
        var page2 = """{"data":[USERS2],"meta":{"pagination":{"totalItems":136,"totalPages":3,"currentPage":2,"perPage":50}}}""";
        var page3 = """{"data":[USERS3],"meta":{"pagination":{"totalItems":137,"totalPages":3,"currentPage":3,"perPage":50}}}""";
        static string Users(int start, int count) => string.Join(",", Enumerable.Range(start, count).Select(i => $$"""{"id":"u{{i}}"}"""));
        await Api.AddFaultsAsync(
            FakeFault.RawBody(200, page1.Replace("USERS1", Users(0, 50)), page: 1),
            FakeFault.RawBody(200, page2.Replace("USERS2", Users(50, 50)), page: 2),
            FakeFault.RawBody(200, page3.Replace("USERS3", Users(100, 37)), page: 3));
        using var client = Create(Api);
        var observer = new RecordingObserver();

        var outcome = (await ListAsync(client, observer: observer)).ThrowIfFailed();

        Assert.Equal(137, outcome.Users.Count);
        Assert.Contains(observer.Warnings, w => w.Contains("136"));
    }

    [Fact]
    public async Task A_user_shifted_onto_the_next_page_is_returned_once()
    {
        // Page 2 repeats page 1's last user (a user was inserted before it between the two requests).
        static string Users(IEnumerable<int> ids) => string.Join(",", ids.Select(i => $$"""{"id":"u{{i}}"}"""));
        await Api.AddFaultsAsync(
            FakeFault.RawBody(200, $$"""{"data":[{{Users(Enumerable.Range(0, 50))}}]}""", page: 1),
            FakeFault.RawBody(200, $$"""{"data":[{{Users(Enumerable.Range(49, 50))}}]}""", page: 2),
            FakeFault.RawBody(200, $$"""{"data":[{{Users(Enumerable.Range(99, 10))}}]}""", page: 3));
        using var client = Create(Api);
        var observer = new RecordingObserver();

        var outcome = (await ListAsync(client, observer: observer)).ThrowIfFailed();

        Assert.Equal(Enumerable.Range(0, 109).Select(i => "u" + i), outcome.Ids);
        Assert.Contains(observer.Warnings, w => w.Contains("appeared on two pages"));
    }

    [Fact]
    public async Task An_API_that_ignores_the_page_parameter_stops_the_listing_instead_of_looping()
    {
        static string Users(IEnumerable<int> ids) => string.Join(",", ids.Select(i => $$"""{"id":"u{{i}}"}"""));
        var same = $$"""{"data":[{{Users(Enumerable.Range(0, 50))}}]}""";
        await Api.AddFaultsAsync(FakeFault.RawBody(200, same, path: "/v1/users", times: 5));
        using var client = Create(Api);

        var outcome = await ListAsync(client);

        Assert.Equal(50, outcome.Users.Count);
        Assert.Equal(RinkelErrorKind.InvalidResponse, outcome.Error?.Kind);
        Assert.Contains("repeated the previous page", outcome.Error!.Message);
        // Page 3 may already have been asked for (one page is read ahead); nothing beyond it.
        Assert.InRange((await Api.GetRequestsAsync()).Count, 2, 3);
    }

    /// <summary>The most requests the server was working on at one moment.</summary>
    internal static int MaxOverlap(IEnumerable<FakeRequest> requests)
    {
        var events = requests
            .SelectMany(r => new[] { (At: r.ReceivedAt, Delta: 1), (At: r.ReceivedAt.AddMilliseconds(r.ElapsedMs), Delta: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Delta);
        int current = 0, max = 0;
        foreach (var e in events)
        {
            current += e.Delta;
            max = Math.Max(max, current);
        }

        return max;
    }
}
