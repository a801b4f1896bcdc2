using System.Net;

namespace Rinkel.FakeApi.Tests;

/// <summary>Validation, authentication, single users, routes and the request log.</summary>
public sealed class RequestTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private readonly FakeRinkelApi _api = fixture.Api;

    public Task InitializeAsync() => _api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("perPage=0", "perPage")]
    [InlineData("perPage=51", "perPage")]
    [InlineData("perPage=abc", "perPage")]
    [InlineData("perPage=", "perPage")]
    [InlineData("perPage=-1", "perPage")]
    [InlineData("perPage=1.5", "perPage")]
    [InlineData("perPage=10&perPage=20", "perPage")]
    [InlineData("page=0", "page")]
    [InlineData("page=-3", "page")]
    [InlineData("page=x", "page")]
    [InlineData("includeAvatars=maybe", "includeAvatars")]
    public async Task Invalid_query_is_a_400_with_the_documented_body(string query, string parameter)
    {
        var reply = await Http.GetAsync(_api, "/v1/users?" + query);
        var error = reply.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.StartsWith(parameter + " ", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Edge_values_are_valid()
    {
        Assert.Equal(1, (await Http.GetJsonAsync(_api, "/v1/users?perPage=1")).GetProperty("data").GetArrayLength());
        Assert.Equal(50, (await Http.GetJsonAsync(_api, "/v1/users?perPage=50&includeAvatars=false")).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Missing_or_wrong_key_is_a_401_and_the_key_is_never_logged()
    {
        var missing = await Http.GetAsync(_api, "/v1/users", key: "");
        Assert.Equal("Unauthorized", missing.AssertError(HttpStatusCode.Unauthorized, "UNAUTHORIZED").GetProperty("message").GetString());
        var wrong = await Http.GetAsync(_api, "/v1/users/" + FakeRinkelApi.UserId(0), key: "not-the-key");
        wrong.AssertError(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await Http.GetJsonAsync(_api, "/v1/users");

        var log = await _api.GetRequestsAsync();
        Assert.Equal(3, log.Count);
        Assert.Equal((false, false, 401), (log[0].HasApiKey, log[0].ApiKeyValid, log[0].Status));
        Assert.Equal((true, false, 401), (log[1].HasApiKey, log[1].ApiKeyValid, log[1].Status));
        Assert.Equal((true, true, 200), (log[2].HasApiKey, log[2].ApiKeyValid, log[2].Status));
        Assert.True(log[0].Seq < log[1].Seq && log[1].Seq < log[2].Seq);
        Assert.Equal("Rinkel.FakeApi.Tests/1.0", log[2].UserAgent);
        Assert.Equal("GET", log[2].Method);
        Assert.InRange(log[2].ReceivedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));

        var raw = await Http.Client.GetStringAsync(_api.Origin() + "/_fake/requests");
        Assert.DoesNotContain(_api.ApiKey, raw);
        Assert.DoesNotContain("not-the-key", raw);
    }

    [Fact]
    public async Task A_user_by_id_is_wrapped_in_data_or_bare()
    {
        var id = FakeRinkelApi.UserId(42);
        var wrapped = await Http.GetJsonAsync(_api, "/v1/users/" + id);
        Assert.Equal(["data"], wrapped.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, wrapped.GetProperty("data").GetProperty("id").GetString());

        var listed = (await Http.GetJsonAsync(_api, "/v1/users?perPage=10&page=5")).GetProperty("data")[2];
        Assert.Equal(listed.GetRawText(), wrapped.GetProperty("data").GetRawText());

        await _api.ConfigureAsync(new FakeApiConfig { BareSingle = true });
        var bare = await Http.GetJsonAsync(_api, "/v1/users/" + id);
        Assert.Equal(listed.GetRawText(), bare.GetRawText());

        var withAvatars = await Http.GetJsonAsync(_api, $"/v1/users/{id}?includeAvatars=true");
        Assert.True(withAvatars.TryGetProperty("avatarUrls", out _));
    }

    [Theory]
    [InlineData("unknown-index")]
    [InlineData("garbled")]
    [InlineData("uppercase")]
    [InlineData("short")]
    [InlineData("other-tenant")]
    [InlineData("not-hex")]
    public async Task Unknown_or_forged_ids_are_404_not_found(string how)
    {
        var id = FakeRinkelApi.UserId(7);
        var bad = how switch
        {
            "unknown-index" => FakeRinkelApi.UserId(137),
            "garbled" => id[..10] + (id[10] == '0' ? '1' : '0') + id[11..],
            "uppercase" => id.ToUpperInvariant(),
            "short" => id[..23],
            "other-tenant" => FakeRinkelApi.UserId(7, seed: 2),
            _ => "zzzzzzzzzzzzzzzzzzzzzzzz",
        };
        Assert.NotEqual(id, bad);
        var reply = await Http.GetAsync(_api, "/v1/users/" + bad);
        var error = reply.AssertError(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("User was not found", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_raw_target_is_logged_exactly_as_sent()
    {
        var reply = await Http.GetAsync(_api, "/v1/users/..%2Fx");
        reply.AssertError(HttpStatusCode.NotFound, "NOT_FOUND");
        var entry = Assert.Single(await _api.GetRequestsAsync());
        Assert.Equal("/v1/users/..%2Fx", entry.RawTarget);
        Assert.Equal(404, entry.Status);

        await Http.GetAsync(_api, "/v1/users?perPage=5&page=2");
        var listing = (await _api.GetRequestsAsync())[^1];
        Assert.Equal("/v1/users?perPage=5&page=2", listing.RawTarget);
        Assert.Equal("/v1/users", listing.Path);
        Assert.Equal("?perPage=5&page=2", listing.Query);
        Assert.Null(listing.Fault);
    }

    [Theory]
    [InlineData("/v1/webhooks-that-do-not-exist")]
    [InlineData("/v1/users/" + "64a6b60be7ce3a7774155263" + "/avatar")]
    [InlineData("/v1")]
    [InlineData("/users")]
    [InlineData("/v2/users")]
    public async Task Other_paths_are_404_route_not_found(string path)
    {
        var reply = await Http.GetAsync(_api, path);
        reply.AssertError(HttpStatusCode.NotFound, "ROUTE_NOT_FOUND");
        Assert.Equal(path, Assert.Single(await _api.GetRequestsAsync()).Path);
    }

    [Fact]
    public async Task Other_methods_on_known_routes_are_405()
    {
        var reply = await Http.GetAsync(_api, "/v1/users", method: HttpMethod.Post);
        reply.AssertError(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
        Assert.Equal("POST", Assert.Single(await _api.GetRequestsAsync()).Method);
    }

    [Fact]
    public async Task Concurrent_requests_are_all_answered_and_logged()
    {
        await _api.ConfigureAsync(new FakeApiConfig { Users = 1000 });
        var tasks = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var page = 1 + ((worker * 25 + i) % 20);
                var body = await Http.GetJsonAsync(_api, $"/v1/users?perPage=50&page={page}");
                Assert.Equal(FakeRinkelApi.UserId((page - 1) * 50), body.GetProperty("data")[0].GetProperty("id").GetString());
            }
        }));
        await Task.WhenAll(tasks);
        var log = await _api.GetRequestsAsync();
        Assert.Equal(200, log.Count);
        Assert.Equal(200, log.Select(r => r.Seq).Distinct().Count());
        Assert.All(log, r => Assert.Equal(200, r.Status));
    }
}
