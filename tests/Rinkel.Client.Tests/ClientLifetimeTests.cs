using System.Diagnostics;
using static Rinkel.Client.Tests.Clients;

namespace Rinkel.Client.Tests;

/// <summary>Closing a client, unreachable hosts and base URIs, over real HTTP.</summary>
public sealed class ClientLifetimeTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private FakeRinkelApi Api => fixture.Api;

    public Task InitializeAsync() => Api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Close_refuses_new_calls_ends_waits_lets_the_request_on_the_wire_finish_and_then_disposes_the_key()
    {
        await Api.AddFaultsAsync(
            FakeFault.Delay(1500, path: "/v1/users/" + Id(1)),
            FakeFault.Status(503, path: "/v1/users/" + Id(2)) with { RetryAfterSeconds = 60 });
        var client = Create(Api, o => o.MaxRetryDuration = TimeSpan.FromMinutes(2));
        var observer = new RecordingObserver();

        var onTheWire = client.GetUserAsync(Id(1), null, CancellationToken.None);
        var waiting = client.GetUserAsync(Id(2), observer, CancellationToken.None);
        await observer.FirstRetry.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var stopwatch = Stopwatch.StartNew();
        client.Close();

        // The wait ends at once, as a ConnectionClosed error, without another attempt.
        var closed = await Assert.ThrowsAsync<RinkelApiException>(() => waiting).WaitAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(RinkelErrorKind.ConnectionClosed, closed.Kind);
        Assert.Contains("connection was closed", closed.Message);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"the wait ended after {stopwatch.Elapsed}");

        // A new call is refused before anything is sent.
        var refused = await Assert.ThrowsAsync<RinkelApiException>(() => client.GetUserAsync(Id(3), null, CancellationToken.None));
        Assert.Equal(RinkelErrorKind.ConnectionClosed, refused.Kind);
        Assert.Equal(0, refused.Attempts);
        Assert.False(client.IsKeyDisposed, "the key was disposed under a request still on the wire");

        // The request already on the wire finishes, and with it the last use of the key.
        Assert.Equal(Id(1), (await onTheWire).Id);
        Assert.True(client.IsKeyDisposed);
        var requests = await Api.GetRequestsAsync();
        Assert.Equal(2, requests.Count);
        Assert.DoesNotContain(requests, r => r.Path.EndsWith(Id(3), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_listing_stops_at_the_next_page_once_its_client_is_closed()
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 1000 });
        using var client = Create(Api, o => o.MaxConcurrentPages = 2);
        using var listing = client.ListUsers(null, null);
        var read = (await listing.ReadNextPageAsync(CancellationToken.None))!.Count;

        client.Close();

        // Pages already requested may still arrive; no page after them is asked for.
        var error = await Assert.ThrowsAsync<RinkelApiException>(async () =>
        {
            while (await listing.ReadNextPageAsync(CancellationToken.None) is { } page) read += page.Count;
        });
        Assert.Equal(RinkelErrorKind.ConnectionClosed, error.Kind);
        Assert.InRange(read, 50, 150);
        Assert.True(client.IsKeyDisposed);
        Assert.InRange((await Api.GetRequestsAsync()).Count, 1, 3);
    }

    [Fact]
    public async Task A_host_name_that_does_not_resolve_fails_at_once_without_retries()
    {
        using var client = new RinkelClient(new RinkelClientOptions(new Uri("https://no-such-host.invalid/v1")) { MaxRetryCount = 4 },
            RinkelApiKey.FromPlainText("k-canary-123456"));
        var observer = new RecordingObserver();
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RinkelApiException>(() => client.VerifyAsync(observer, CancellationToken.None));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed}");
        Assert.Equal(RinkelErrorKind.ConnectionFailed, error.Kind);
        Assert.Equal(1, error.Attempts);
        Assert.Empty(observer.Retries);
        Assert.Contains("The host name 'no-such-host.invalid' could not be resolved", error.Message);
        Assert.Contains("check the base URI", error.Message);
    }

    [Theory]
    [InlineData("//")]
    [InlineData("/")]
    [InlineData("///")]
    public async Task Empty_path_segments_in_the_base_URI_are_dropped(string suffix)
    {
        var baseUri = new Uri(Api.BaseUri.GetLeftPart(UriPartial.Authority) + "//v1" + suffix);
        using var client = new RinkelClient(new RinkelClientOptions(baseUri) { UserAgent = "t" }, RinkelApiKey.FromPlainText(Api.ApiKey));

        Assert.Equal(Api.BaseUri + "/", client.Options.BaseUri.ToString());
        var user = await client.GetUserAsync(Id(4), null, CancellationToken.None);

        Assert.Equal(Id(4), user.Id);
        Assert.Equal("/v1/users/" + Id(4), Assert.Single(await Api.GetRequestsAsync()).RawTarget);
    }

    [Theory]
    [InlineData("https://api.rinkel.com", "The base URI https://api.rinkel.com does not end in the API version: add it, like https://api.rinkel.com/v1.")]
    [InlineData("https://api.rinkel.com/", "like https://api.rinkel.com/v1.")]
    [InlineData("https://proxy.example.com/rinkel/", "The base URI https://proxy.example.com/rinkel does not end in the API version: add it, like https://proxy.example.com/rinkel/v1.")]
    [InlineData("https://api.rinkel.com/v1/users", "like https://api.rinkel.com/v1/users/v1.")]
    public void A_base_URI_without_the_API_version_says_what_to_add(string uri, string message)
    {
        Assert.Contains(message, BaseUriPolicy.Check(new Uri(uri)));
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => new RinkelClientOptions(new Uri(uri))).Message);
    }

    [Theory]
    [InlineData("https://api.rinkel.com/v1")]
    [InlineData("https://api.rinkel.com/V2/")]
    [InlineData("https://proxy.example.com/rinkel/v1")]
    public void Versioned_base_URIs_are_accepted(string uri) => Assert.Null(BaseUriPolicy.Check(new Uri(uri)));
}
