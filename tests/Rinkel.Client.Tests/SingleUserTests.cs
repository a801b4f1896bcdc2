using static Rinkel.Client.Tests.Clients;

namespace Rinkel.Client.Tests;

public sealed class SingleUserTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private FakeRinkelApi Api => fixture.Api;

    public Task InitializeAsync() => Api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_user_is_read_wrapped_in_data_or_bare(bool bare)
    {
        await Api.ConfigureAsync(new FakeApiConfig { BareSingle = bare });
        using var client = Create(Api);

        var user = await client.GetUserAsync(Id(5), null, CancellationToken.None);

        Assert.Equal(Id(5), user.Id);
        Assert.False(string.IsNullOrEmpty(user.FullName));
        Assert.NotNull(user.Preferences);
        var request = Assert.Single(await Api.GetRequestsAsync());
        Assert.Equal("/v1/users/" + Id(5), request.RawTarget);
        Assert.True(request.ApiKeyValid);
        Assert.Equal("Rinkel.Client.Tests", request.UserAgent);
    }

    [Fact]
    public async Task Music_on_hold_is_read_from_its_wire_name_mohConfig()
    {
        // The models carry no serializer attributes (Rinkel.Models is dependency-free): the client maps the name.
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("x-rinkel-api-key", Api.ApiKey);
        using var page = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(Api.BaseUri + "/users?page=1&perPage=50"));
        var expected = page.RootElement.GetProperty("data").EnumerateArray()
            .Where(u => u.TryGetProperty("preferences", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.Object
                        && p.TryGetProperty("webphone", out var w) && w.ValueKind == System.Text.Json.JsonValueKind.Object)
            .Take(3)
            .Select(u => (Id: u.GetProperty("id").GetString()!, Moh: u.GetProperty("preferences").GetProperty("webphone").GetProperty("mohConfig")))
            .ToList();
        Assert.Equal(3, expected.Count);
        using var client = Create(Api);

        foreach (var (id, moh) in expected)
        {
            var user = await client.GetUserAsync(id, null, CancellationToken.None);
            var music = user.Preferences?.Webphone?.MusicOnHold;
            Assert.NotNull(music);
            Assert.Equal(moh.GetProperty("enabled").GetBoolean(), music.Enabled);
            Assert.Equal(moh.GetProperty("music").GetString(), music.Music);
        }
    }

    [Fact]
    public async Task An_unknown_id_is_NotFound_after_one_request()
    {
        using var client = Create(Api);

        var (user, error, _) = await GetAsync(client, "64a6b60be7ce3a7774155263");

        Assert.Null(user);
        Assert.NotNull(error);
        Assert.Equal(RinkelErrorKind.NotFound, error.Kind);
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("NOT_FOUND", error.ErrorCode);
        Assert.Equal("User was not found", error.ApiMessage);
        Assert.Equal("No user with id '64a6b60be7ce3a7774155263'.", error.Detail);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(Api.BaseUri + "/users/64a6b60be7ce3a7774155263", error.RequestUri.AbsoluteUri);
        Assert.Single(await Api.GetRequestsAsync());
    }

    [Theory]
    [InlineData("../x", "..%2Fx")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("?", "%3F")]
    [InlineData("a?page=2", "a%3Fpage%3D2")]
    [InlineData("#frag", "%23frag")]
    [InlineData("%2F", "%252F")]
    [InlineData("%2E%2E", "%252E%252E")]
    [InlineData("a\\b", "a%5Cb")]
    [InlineData("josé de vries", "jos%C3%A9%20de%20vries")]
    [InlineData(" x ", "%20x%20")]
    [InlineData("用户", "%E7%94%A8%E6%88%B7")]
    [InlineData("...", "...")]
    [InlineData("a.b", "a.b")]
    [InlineData("id\u0001x", "id%01x")]
    public async Task Every_id_reaches_the_API_as_exactly_one_escaped_segment(string id, string segment)
    {
        using var client = Create(Api);

        var (_, error, _) = await GetAsync(client, id);

        Assert.Equal(RinkelErrorKind.NotFound, error?.Kind);
        var request = Assert.Single(await Api.GetRequestsAsync());
        Assert.Equal("/v1/users/" + segment, request.RawTarget);
        Assert.Equal(404, request.Status);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task Dot_segments_are_refused_before_any_request(string id)
    {
        // URI resolution would turn users/%2E%2E into the API root and users/%2E into the listing.
        using var client = Create(Api);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetUserAsync(id, null, CancellationToken.None));

        Assert.Contains("not a user id", error.Message);
        Assert.Empty(await Api.GetRequestsAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Blank_ids_are_refused_before_any_request(string id)
    {
        using var client = Create(Api);
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetUserAsync(id, null, CancellationToken.None));
        Assert.Empty(await Api.GetRequestsAsync());
    }

    [Fact]
    public async Task A_10_kB_id_is_one_segment_and_an_error_not_a_crash()
    {
        using var client = Create(Api);
        var id = new string('a', 10 * 1024);

        var (_, error, _) = await GetAsync(client, id);

        // Kestrel answers 404 (unknown id) or 414 (request line too long); either way a clear API error.
        Assert.NotNull(error);
        Assert.Contains(error.Kind, new[] { RinkelErrorKind.NotFound, RinkelErrorKind.InvalidRequest });
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task A_user_of_another_tenant_is_not_found()
    {
        using var client = Create(Api);
        var (_, error, _) = await GetAsync(client, Id(3, seed: 2));
        Assert.Equal(RinkelErrorKind.NotFound, error?.Kind);
    }
}
