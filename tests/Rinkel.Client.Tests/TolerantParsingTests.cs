using static Rinkel.Client.Tests.Clients;

namespace Rinkel.Client.Tests;

public sealed class TolerantParsingTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private FakeRinkelApi Api => fixture.Api;

    public Task InitializeAsync() => Api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Odd_mode_users_all_parse_with_their_oddities_passed_through()
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 80, Odd = true });
        using var client = Create(Api);

        var outcome = (await ListAsync(client, new ListUsersOptions { IncludeAvatars = true })).ThrowIfFailed();

        Assert.Equal(Ids(0, 80), outcome.Ids);
        for (var i = 0; i < 80; i++)
        {
            var user = outcome.Users[i];
            if (FakeOddities.IsBusy(i)) Assert.Equal("BUSY", user.Availability);
            if (FakeOddities.IsLowercaseRole(i)) Assert.Equal("user", user.Role);
            if (FakeOddities.LacksPhoneNumber(i)) Assert.Null(user.PhoneNumber);
            else Assert.StartsWith("+", user.PhoneNumber!.E164);
            if (FakeOddities.HasNullWebphone(i)) Assert.Null(user.Preferences!.Webphone);
            if (FakeOddities.HasNullAvatars(i)) Assert.True(user.AvatarUrls is { Small: null, Large: null });
            if (FakeOddities.HasSmsChannel(i)) Assert.Equal(["email", "app", "sms"], user.Notifications!.MissedCalls!.Channels!);
            if (FakeOddities.LacksFixed(i)) Assert.Null(user.Fixed);
        }

        // The unknown "teams" member is ignored rather than fatal, on the listing and on a single user.
        var teams = Enumerable.Range(0, 80).First(FakeOddities.HasTeams);
        Assert.Equal(Id(teams), (await client.GetUserAsync(Id(teams), null, CancellationToken.None)).Id);
    }

    [Fact]
    public async Task Unknown_members_everywhere_are_ignored()
    {
        await Api.AddFaultsAsync(FakeFault.RawBody(200, """
            {"data":[{"id":"u1","firstName":"A","newThing":{"deep":[1,2,{"x":null}]},"phoneNumber":{"e164":"+31600000000","extra":true}}],
             "meta":{"pagination":{"totalItems":1,"totalPages":1,"currentPage":1,"perPage":50,"cursor":"abc"},"links":{"self":"x"},"requestId":"r"},
             "apiVersion":"2025-01"}
            """, path: "/v1/users"));
        using var client = Create(Api);

        var outcome = (await ListAsync(client)).ThrowIfFailed();

        var user = Assert.Single(outcome.Users);
        Assert.Equal("u1", user.Id);
        Assert.Equal("+31600000000", user.PhoneNumber!.E164);
        Assert.Equal(1, outcome.TotalCount);
    }

    [Fact]
    public async Task Nulls_are_tolerated_for_members_items_and_meta()
    {
        await Api.AddFaultsAsync(FakeFault.RawBody(200, """
            {"data":[null,{"id":"u1","firstName":null,"phoneNumber":null,"preferences":{"webphone":null,"language":null},
                           "notifications":{"missedCalls":{"enabled":null,"channels":null}},"fixed":null,"avatarUrls":null}],
             "meta":null}
            """, path: "/v1/users"),
            // Without meta a short first page is confirmed as the last by an empty page 2.
            FakeFault.RawBody(200, """{"data":[]}""", path: "/v1/users", page: 2));
        using var client = Create(Api);
        var observer = new RecordingObserver();

        var outcome = (await ListAsync(client, observer: observer)).ThrowIfFailed();
        Assert.Contains("1 null entry in place of users", Assert.Single(observer.Warnings));

        var user = Assert.Single(outcome.Users);
        Assert.Equal("u1", user.Id);
        Assert.Null(user.FirstName);
        Assert.Null(user.PhoneNumber);
        Assert.Null(outcome.TotalCount);
        Assert.Equal("u1", user.ToString());
    }

    [Fact]
    public async Task Numbers_sent_as_strings_are_read_as_numbers()
    {
        await Api.AddFaultsAsync(FakeFault.RawBody(200, """
            {"data":[{"id":"u1","phoneNumber":{"e164":"+31612345678","countryIsoCode":"NL","countryCallingCode":"31","number":"612345678"}}],
             "meta":{"pagination":{"totalItems":"1","totalPages":"1","currentPage":"1","perPage":"50"}}}
            """, path: "/v1/users"));
        using var client = Create(Api);

        var outcome = (await ListAsync(client)).ThrowIfFailed();

        Assert.Equal(31, Assert.Single(outcome.Users).PhoneNumber!.CountryCallingCode);
        Assert.Equal(1, outcome.TotalCount);
        Assert.Single(await Api.GetRequestsAsync());
    }

    [Fact]
    public async Task Member_names_in_another_case_a_BOM_comments_and_trailing_commas_are_accepted()
    {
        await Api.AddFaultsAsync(FakeFault.RawBody(200, "\uFEFF" + """
            { // the API's own comment
              "Data": [ { "ID": "u1", "FirstName": "Ann", }, ],
            }
            """, path: "/v1/users"),
            FakeFault.RawBody(200, """{"data":[]}""", path: "/v1/users", page: 2));
        using var client = Create(Api);

        var user = Assert.Single((await ListAsync(client)).ThrowIfFailed().Users);

        Assert.Equal("u1", user.Id);
        Assert.Equal("Ann", user.FirstName);
    }

    [Theory]
    [InlineData("""{"data":{"id":"u1","fullName":"Ann"}}""")]
    [InlineData("""{"id":"u1","fullName":"Ann"}""")]
    [InlineData("""{"data":{"id":"u1","fullName":"Ann"},"meta":{}}""")]
    public async Task A_single_user_is_accepted_wrapped_or_bare(string body)
    {
        await Api.AddFaultsAsync(FakeFault.RawBody(200, body, path: "/v1/users/*"));
        using var client = Create(Api);

        var user = await client.GetUserAsync("u1", null, CancellationToken.None);

        Assert.Equal("Ann", user.FullName);
    }

    [Theory]
    [InlineData("""{"data":null}""", "without an id")]
    [InlineData("""[]""", "JSON array")]
    [InlineData("""{"data":[]}""", "without an id")]
    [InlineData("""{"id":""}""", "without an id")]
    [InlineData("""{"data":{"id":12}}""", "could not be read")]
    public async Task A_single_user_of_the_wrong_shape_is_an_invalid_response(string body, string message)
    {
        await Api.AddFaultsAsync(FakeFault.RawBody(200, body, path: "/v1/users/*"));
        using var client = Create(Api);

        var (_, error, _) = await GetAsync(client, "u1");

        Assert.Equal(RinkelErrorKind.InvalidResponse, error?.Kind);
        Assert.Contains(message, error!.Message);
        Assert.Contains("returned an unusable response (200 OK)", error.Message);
    }

    [Theory]
    [InlineData("""{"meta":{}}""", "without a \"data\" array")]
    [InlineData("""{"data":null}""", "without a \"data\" array")]
    [InlineData("""null""", "not JSON")]
    [InlineData("""{"data":"users"}""", "could not be read")]
    public async Task A_listing_of_the_wrong_shape_is_an_invalid_response(string body, string message)
    {
        await Api.AddFaultsAsync(FakeFault.RawBody(200, body, path: "/v1/users"));
        using var client = Create(Api);

        var outcome = await ListAsync(client);

        Assert.Empty(outcome.Users);
        Assert.Equal(RinkelErrorKind.InvalidResponse, outcome.Error?.Kind);
        Assert.Contains(message, outcome.Error!.Message);
    }
}
