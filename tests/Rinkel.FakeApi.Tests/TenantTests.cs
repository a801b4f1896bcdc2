using System.Diagnostics;
using System.Net;

namespace Rinkel.FakeApi.Tests;

/// <summary>Determinism across servers, different tenants per seed, and a large tenant.</summary>
public sealed class TenantTests
{
    [Fact]
    public async Task Same_seed_same_users_other_seed_other_users()
    {
        // Started concurrently on purpose: parallel test classes do the same.
        var servers = await Task.WhenAll(
            FakeRinkelApi.StartAsync(),
            FakeRinkelApi.StartAsync(),
            FakeRinkelApi.StartAsync(new FakeApiOptions { Seed = 2 }));
        try
        {
            Assert.Equal(3, servers.Select(s => s.BaseUri.Port).Distinct().Count());
            var a = (await Http.GetJsonAsync(servers[0], "/v1/users?perPage=50&page=2")).GetProperty("data");
            var b = (await Http.GetJsonAsync(servers[1], "/v1/users?perPage=50&page=2")).GetProperty("data");
            var c = (await Http.GetJsonAsync(servers[2], "/v1/users?perPage=50&page=2")).GetProperty("data");
            Assert.Equal(a.GetRawText(), b.GetRawText());

            var idsA = a.EnumerateArray().Select(u => u.GetProperty("id").GetString()).ToList();
            var idsC = c.EnumerateArray().Select(u => u.GetProperty("id").GetString()).ToList();
            Assert.Equal(Enumerable.Range(50, 50).Select(i => FakeRinkelApi.UserId(i, seed: 2)), idsC);
            Assert.Empty(idsA.Intersect(idsC));
            var namesA = a.EnumerateArray().Select(u => u.GetProperty("fullName").GetString()).ToList();
            var namesC = c.EnumerateArray().Select(u => u.GetProperty("fullName").GetString()).ToList();
            Assert.True(namesA.Zip(namesC).Count(p => p.First != p.Second) > 40);

            // An id of one tenant is unknown to the other.
            Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(servers[0], "/v1/users/" + idsC[0])).Status);
            Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(servers[2], "/v1/users/" + idsC[0])).Status);

            // Switching the seed at runtime turns a server into the other tenant.
            await servers[0].ConfigureAsync(new FakeApiConfig { Seed = 2 });
            Assert.Equal(c.GetRawText(), (await Http.GetJsonAsync(servers[0], "/v1/users?perPage=50&page=2")).GetProperty("data").GetRawText());
        }
        finally
        {
            foreach (var s in servers)
            {
                await s.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_tenant_of_100000_users_lists_any_page_quickly()
    {
        await using var api = await FakeRinkelApi.StartAsync(new FakeApiOptions { Users = 100_000 });
        await Http.GetJsonAsync(api, "/v1/users?perPage=50");

        var watch = Stopwatch.StartNew();
        var body = await Http.GetJsonAsync(api, "/v1/users?perPage=50&page=2000");
        watch.Stop();
        Assert.True(watch.ElapsedMilliseconds < 1000, $"page 2000 took {watch.ElapsedMilliseconds} ms");

        var data = body.GetProperty("data");
        Assert.Equal(Enumerable.Range(99_950, 50).Select(i => FakeRinkelApi.UserId(i)), data.EnumerateArray().Select(u => u.GetProperty("id").GetString()));
        var pagination = body.GetProperty("meta").GetProperty("pagination");
        Assert.Equal((100_000, 2000), (pagination.GetProperty("totalItems").GetInt32(), pagination.GetProperty("totalPages").GetInt32()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("meta").GetProperty("links").GetProperty("next").ValueKind);
        Assert.All(data.EnumerateArray(), u => Assert.Matches(@"\.[0-9]+@example\.com$", u.GetProperty("email").GetString()));

        Assert.Equal(0, (await Http.GetJsonAsync(api, "/v1/users?perPage=50&page=2001")).GetProperty("data").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(api, "/v1/users/" + FakeRinkelApi.UserId(99_999))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(api, "/v1/users/" + FakeRinkelApi.UserId(100_000))).Status);
    }
}
