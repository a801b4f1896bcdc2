using static Rinkel.Client.Tests.Clients;

namespace Rinkel.Client.Tests;

/// <summary>
/// The fault matrix of a listing that answers 200 and still does not add up: pages emptier than announced,
/// repeats of non-adjacent pages, a page size other than asked, meta that contradicts itself or is typed oddly,
/// null entries. Each case either returns every user exactly once, or ends in an error after what it returned,
/// never a short list with a warning alone. Over real HTTP against the fake's generic "rewrite" fault.
/// </summary>
public sealed class ListingIntegrityTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private FakeRinkelApi Api => fixture.Api;

    public Task InitializeAsync() => Api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <param name="Expected">The users returned, in order, as index ranges (start, count).</param>
    /// <param name="Error">Null when the listing must succeed; else parts of the error message.</param>
    public sealed record Case(
        FakeFault[] Faults,
        (int Start, int Count)[] Expected,
        string[]? Error,
        int Users = 137,
        bool Meta = true,
        long Skip = 0,
        long? First = null,
        int[]? Pages = null);

    private static FakeFault Everywhere => FakeFault.Rewrite(path: "/v1/users", times: 1000);

    public static readonly Dictionary<string, Case> Cases = new()
    {
        // Issue 11 item 1: the pages after the hole are still read and written, then the listing fails.
        ["empty page 2 while meta counts 3 pages"] = new(
            [FakeFault.Rewrite(page: 2) with { EmptyData = true }], [(0, 50), (100, 37)],
            ["incomplete", "page 2 was empty although the API counted 137 users"], Pages: [1, 2, 3]),
        ["empty page 2 without meta ends the listing there"] = new(
            [FakeFault.Rewrite(page: 2) with { EmptyData = true }], [(0, 50)], null, Meta: false, Pages: [1, 2]),

        // Item 2: a page that repeats a non-adjacent one is caught, not returned twice.
        ["page 4 repeats page 2"] = new(
            [FakeFault.Rewrite(page: 4) with { ServePage = 2 }], [(0, 150)], ["Page 4 repeated users of earlier pages"], Users: 250),

        // Item 3: the API's own page size, with and without meta, and -Skip/-First on it.
        ["pages of 20 without meta"] = new([Everywhere with { PageSize = 20 }], [(0, 137)], null, Meta: false, Pages: [1, 2, 3, 4, 5, 6, 7]),
        ["pages of 20 with meta, Skip 30 First 25"] = new([Everywhere with { PageSize = 20 }], [(30, 25)], null, Skip: 30, First: 25, Pages: [1, 2, 3]),
        ["pages of 20 without meta, Skip 30 First 25"] = new([Everywhere with { PageSize = 20 }], [(30, 25)], null, Meta: false, Skip: 30, First: 25),
        ["totalPages 0 and totalItems null"] = new([Everywhere with { Pagination = """{"totalPages":0,"totalItems":null}""" }], [(0, 137)], null, Pages: [1, 2, 3]),
        ["totalPages that contradicts totalItems"] = new([Everywhere with { Pagination = """{"totalPages":2}""" }], [], ["contradicts itself", "make 3 page(s), but it says 2"]),
        // A perPage that contradicts the rest of the meta fails before any user is picked by it.
        ["meta perPage 100 over pages of 50"] = new([Everywhere with { Pagination = """{"perPage":100}""" }], [],
            ["contradicts itself", "137 users at 100 per page make 2 page(s), but it says 3"]),
        ["meta perPage 100 over pages of 50, Skip 30 First 25"] = new([Everywhere with { Pagination = """{"perPage":100}""" }], [],
            ["contradicts itself"], Skip: 30, First: 25),
        // Without a total to check it against, the page itself shows the lie, and the listing fails after it.
        ["meta perPage 100 without totals, Skip 30 First 25"] = new(
            [Everywhere with { Pagination = """{"perPage":100,"totalItems":null,"totalPages":null}""" }], [(30, 20)],
            ["Page 2 held 50 users after page 1 held fewer than the 100 per page", "contradict that page size"], Skip: 30, First: 25),
        ["meta perPage 100 without totals"] = new(
            [Everywhere with { Pagination = """{"perPage":100,"totalItems":null,"totalPages":null}""" }], [(0, 50)],
            ["contradict that page size"]),
        ["a single short page without meta"] = new([], [(0, 20)], null, Users: 20, Meta: false, Pages: [1, 2]),

        // Item 4: what paging uses is read strictly, the rest tolerated.
        ["perPage 50.0 and a currentPage of another type"] = new([Everywhere with { Pagination = """{"perPage":50.0,"currentPage":"first"}""" }], [(0, 137)], null),
        ["totalItems that is no count"] = new([Everywhere with { Pagination = """{"totalItems":"many"}""" }], [], ["meta.pagination.totalItems = \"many\", which is not a count"]),

        // Item 5: null entries are named as such; when the count misses them, the listing fails after the rest.
        ["null entries on page 2"] = new(
            [FakeFault.Rewrite(page: 2) with { NullEntries = 2 }], [(0, 50), (51, 24), (76, 61)],
            ["incomplete", "found 135 because the API sent 2 null entries in place of users"]),
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
    public async Task Listing_that_does_not_add_up(string name)
    {
        var c = Cases[name];
        await Api.ConfigureAsync(new FakeApiConfig { Users = c.Users, Meta = c.Meta });
        if (c.Faults.Length > 0) await Api.AddFaultsAsync(c.Faults);
        using var client = Create(Api);
        var observer = new RecordingObserver();

        var outcome = await ListAsync(client, new ListUsersOptions { Skip = c.Skip, First = c.First }, observer);

        Assert.Equal(c.Expected.SelectMany(r => Ids(r.Start, r.Count)), outcome.Ids);
        Assert.Equal(outcome.Ids.Count(), outcome.Ids.Distinct().Count());
        if (c.Error is null)
        {
            Assert.Null(outcome.Error);
            Assert.Empty(observer.Warnings);
        }
        else
        {
            var error = outcome.Error;
            Assert.NotNull(error);
            Assert.Equal(RinkelErrorKind.InvalidResponse, error.Kind);
            foreach (var part in c.Error) Assert.Contains(part, error.Message);
            // What happened is said in the error, not blamed on users added or removed.
            Assert.DoesNotContain(observer.Warnings, w => w.Contains("added or removed"));
        }

        if (c.Pages is not null)
            Assert.Equal(c.Pages, (await Api.GetRequestsAsync()).Select(r => PageOf(r)!.Value).Order());
    }

    [Fact]
    public async Task Null_entries_no_count_can_check_are_skipped_with_a_warning_that_says_so()
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 137, Meta = false });
        await Api.AddFaultsAsync(FakeFault.Rewrite(page: 2) with { NullEntries = 2 });
        using var client = Create(Api);
        var observer = new RecordingObserver();

        var outcome = (await ListAsync(client, observer: observer)).ThrowIfFailed();

        Assert.Equal(Ids(0, 50).Concat(Ids(51, 24)).Concat(Ids(76, 61)), outcome.Ids);
        Assert.Equal("The API sent 2 null entries in place of users; they were skipped.", Assert.Single(observer.Warnings));
    }

    [Fact]
    public async Task Users_lost_while_the_count_stays_the_same_fail_the_listing()
    {
        // Page 3 of 4 serves the users of page 4 under a meta that still counts 180: users 100..149 are never seen and
        // page 4 then brings only repeats.
        await Api.ConfigureAsync(new FakeApiConfig { Users = 180 });
        await Api.AddFaultsAsync(
            FakeFault.Rewrite(page: 3) with { ServePage = 4, Pagination = """{"totalItems":180,"totalPages":4}""" },
            FakeFault.Rewrite(page: 4) with { Pagination = """{"totalItems":180}""" });
        using var client = Create(Api);

        var outcome = await ListAsync(client);

        Assert.Equal(outcome.Ids.Count(), outcome.Ids.Distinct().Count());
        Assert.Equal(RinkelErrorKind.InvalidResponse, outcome.Error?.Kind);
        Assert.Contains("incomplete", outcome.Error!.Message);
    }
}
