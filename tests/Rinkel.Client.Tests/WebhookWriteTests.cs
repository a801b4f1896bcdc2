using static Rinkel.Client.Tests.Clients;

namespace Rinkel.Client.Tests;

/// <summary>
/// The write semantics over real HTTP: PUT and DELETE retry like reads; a POST is resent only after a 429, or after
/// a check (GET) showed a lost answer was not carried out, so nothing is ever created twice.
/// </summary>
public sealed class WebhookWriteTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Hook = "/v1/webhooks/callEnd";
    private static readonly Uri Url = new("https://hooks.example.com/rinkel/end");

    private FakeRinkelApi Api => fixture.Api;

    public Task InitializeAsync() => Api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static WebhookSettings Settings(bool active = true, string? description = "CRM") =>
        new(WebhookEvent.CallEnd, Url, WebhookContentType.Json, active, description);

    private async Task<List<(string Method, string Path, int Status)>> WireAsync() =>
        (await Api.GetRequestsAsync()).Select(r => (r.Method, r.Path, r.Status)).ToList();

    private async Task SeedAsync(RinkelClient client)
    {
        await client.RegisterWebhookAsync(Settings(), null, CancellationToken.None);
        await Api.ClearRequestsAsync();
    }

    [Fact]
    public async Task Register_sends_the_documented_body_once_and_reads_the_201()
    {
        using var client = Create(Api);

        var webhook = await client.RegisterWebhookAsync(Settings(active: false), null, CancellationToken.None);

        Assert.Equal(("callEnd", Url.AbsoluteUri, "application/json", (bool?)false, "CRM"), (webhook.Event, webhook.Url, webhook.ContentType, webhook.Active, webhook.Description));
        Assert.Equal([("POST", Hook, 201)], await WireAsync());
        var stored = Assert.Single((await Api.GetWebhooksAsync()).Webhooks);
        Assert.Equal((Url.AbsoluteUri, false, "CRM"), (stored.Url, stored.Active, stored.Description));
    }

    [Fact]
    public async Task A_POST_dropped_after_it_was_carried_out_is_found_by_a_GET_and_not_sent_again()
    {
        using var client = Create(Api);
        await Api.AddFaultsAsync(FakeFault.Drop(path: Hook) with { Commit = true });
        var warnings = new RecordingObserver();

        var webhook = await client.RegisterWebhookAsync(Settings(), warnings, CancellationToken.None);

        Assert.Equal(Url.AbsoluteUri, webhook.Url);
        Assert.Equal([("POST", Hook, 0), ("GET", "/v1/webhooks", 200)], await WireAsync());
        Assert.Single((await Api.GetWebhooksAsync()).Webhooks);
        Assert.Contains(warnings.Warnings, w => w.Contains("a check found it was carried out"));
    }

    [Fact]
    public async Task A_POST_that_timed_out_after_it_was_carried_out_is_not_sent_again()
    {
        using var client = Create(Api, o => o.Timeout = TimeSpan.FromMilliseconds(700));
        await Api.AddFaultsAsync(FakeFault.Delay(5000, path: Hook) with { Commit = true });

        await client.RegisterWebhookAsync(Settings(), null, CancellationToken.None);

        Assert.Equal(["POST", "GET"], (await WireAsync()).Select(r => r.Method));
        Assert.Single((await Api.GetWebhooksAsync()).Webhooks);
    }

    [Fact]
    public async Task A_gateway_error_after_the_POST_was_carried_out_is_checked_too()
    {
        using var client = Create(Api);
        await Api.AddFaultsAsync(FakeFault.Status(504, path: Hook) with { Commit = true });

        await client.RegisterWebhookAsync(Settings(), null, CancellationToken.None);

        Assert.Equal([("POST", Hook, 504), ("GET", "/v1/webhooks", 200)], await WireAsync());
        Assert.Single((await Api.GetWebhooksAsync()).Webhooks);
    }

    [Fact]
    public async Task A_POST_lost_before_it_was_carried_out_is_sent_again_only_after_the_check()
    {
        using var client = Create(Api);
        await Api.AddFaultsAsync(FakeFault.Status(503, path: Hook), FakeFault.Drop(path: Hook));

        await client.RegisterWebhookAsync(Settings(), null, CancellationToken.None);

        Assert.Equal(
            [("POST", Hook, 503), ("GET", "/v1/webhooks", 200), ("POST", Hook, 0), ("GET", "/v1/webhooks", 200), ("POST", Hook, 201)],
            await WireAsync());
        Assert.Single((await Api.GetWebhooksAsync()).Webhooks);
    }

    [Fact]
    public async Task A_POST_refused_with_429_is_resent_by_the_retry_handler_without_a_check()
    {
        using var client = Create(Api);
        await Api.AddFaultsAsync(FakeFault.RateLimited(retryAfterSeconds: 0, path: Hook));

        await client.RegisterWebhookAsync(Settings(), null, CancellationToken.None);

        Assert.Equal([("POST", Hook, 429), ("POST", Hook, 201)], await WireAsync());
    }

    [Fact]
    public async Task A_500_to_a_POST_is_the_API_answer_and_neither_checked_nor_resent()
    {
        using var client = Create(Api);
        await Api.AddFaultsAsync(FakeFault.Status(500, path: Hook));

        var ex = await Assert.ThrowsAsync<RinkelApiException>(() => client.RegisterWebhookAsync(Settings(), null, CancellationToken.None));

        Assert.Equal(RinkelErrorKind.ServerError, ex.Kind);
        Assert.Equal([("POST", Hook, 500)], await WireAsync());
    }

    [Fact]
    public async Task When_every_POST_is_lost_and_never_carried_out_the_error_says_nothing_was_changed()
    {
        using var client = Create(Api, o => o.MaxRetryCount = 1);
        await Api.AddFaultsAsync(FakeFault.Drop(path: Hook, times: 10));

        var ex = await Assert.ThrowsAsync<RinkelApiException>(() => client.RegisterWebhookAsync(Settings(), null, CancellationToken.None));

        Assert.Equal(RinkelErrorKind.ConnectionFailed, ex.Kind);
        Assert.Equal("POST", ex.Method);
        Assert.Equal(2, ex.Attempts);
        Assert.Contains("found it was not carried out, so nothing was changed", ex.Message);
        Assert.Contains("Gave up after 2 attempts", ex.Message);
        Assert.Equal(["POST", "GET", "POST", "GET"], (await WireAsync()).Select(r => r.Method));
        Assert.Empty((await Api.GetWebhooksAsync()).Webhooks);
    }

    [Fact]
    public async Task When_the_check_fails_too_the_error_says_the_outcome_is_unknown()
    {
        using var client = Create(Api, o => o.MaxRetryCount = 0);
        await Api.AddFaultsAsync(FakeFault.Drop(path: Hook), FakeFault.Status(500, path: "/v1/webhooks"));

        var ex = await Assert.ThrowsAsync<RinkelApiException>(() => client.RegisterWebhookAsync(Settings(), null, CancellationToken.None));

        Assert.Equal("POST", ex.Method);
        Assert.Contains("Whether it was carried out is unknown", ex.Message);
        Assert.Equal(["POST", "GET"], (await WireAsync()).Select(r => r.Method));
    }

    [Fact]
    public async Task An_existing_subscription_is_a_409_and_the_check_never_claims_another_one_as_ours()
    {
        using var client = Create(Api);
        await SeedAsync(client);
        var other = new WebhookSettings(WebhookEvent.CallEnd, new Uri("https://elsewhere.example.com/end"), WebhookContentType.Form, true, null);
        await Api.AddFaultsAsync(FakeFault.Drop(path: Hook));

        var ex = await Assert.ThrowsAsync<RinkelApiException>(() => client.RegisterWebhookAsync(other, null, CancellationToken.None));

        // Lost, checked (the one there is not ours), resent: then the API's own answer, 409.
        Assert.Equal(409, ex.StatusCode);
        Assert.Equal(RinkelErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal(["POST", "GET", "POST"], (await WireAsync()).Select(r => r.Method));
        Assert.Equal(Url.AbsoluteUri, Assert.Single((await Api.GetWebhooksAsync()).Webhooks).Url);
    }

    [Fact]
    public async Task PUT_and_DELETE_are_retried_like_reads()
    {
        using var client = Create(Api);
        await SeedAsync(client);
        await Api.AddFaultsAsync(FakeFault.Drop(path: Hook), FakeFault.Status(503, path: Hook));

        var changed = await client.SetWebhookAsync(Settings(active: false), null, CancellationToken.None);
        await client.UnregisterWebhookAsync("callEnd", null, CancellationToken.None);

        Assert.False(changed.Active);
        Assert.Equal([("PUT", Hook, 0), ("PUT", Hook, 503), ("PUT", Hook, 200), ("DELETE", Hook, 204)], await WireAsync());
        Assert.Empty((await Api.GetWebhooksAsync()).Webhooks);
    }

    [Fact]
    public async Task A_DELETE_carried_out_before_its_answer_was_lost_ends_in_NotFound_on_the_retry()
    {
        using var client = Create(Api);
        await SeedAsync(client);
        await Api.AddFaultsAsync(FakeFault.Drop(path: Hook) with { Commit = true });

        var ex = await Assert.ThrowsAsync<RinkelApiException>(() => client.UnregisterWebhookAsync("callEnd", null, CancellationToken.None));

        // Idempotent in effect: the subscription is gone either way, and the caller learns the retry found nothing.
        Assert.Equal(RinkelErrorKind.NotFound, ex.Kind);
        Assert.Equal([("DELETE", Hook, 0), ("DELETE", Hook, 404)], await WireAsync());
        Assert.Empty((await Api.GetWebhooksAsync()).Webhooks);
    }

    [Fact]
    public async Task A_test_event_whose_answer_was_lost_is_not_requested_again()
    {
        using var client = Create(Api);
        await Api.AddFaultsAsync(FakeFault.Drop(path: Hook + "/test") with { Commit = true });

        var ex = await Assert.ThrowsAsync<RinkelApiException>(() => client.TestWebhookAsync("callEnd", Url, WebhookContentType.Form, null, CancellationToken.None));

        Assert.Equal(RinkelErrorKind.ConnectionFailed, ex.Kind);
        Assert.Equal([("POST", Hook + "/test", 0)], await WireAsync());
        Assert.Single((await Api.GetWebhooksAsync()).Tests);
    }

    [Fact]
    public async Task The_plan_gate_is_PermissionDenied_with_the_API_message()
    {
        using var client = Create(Api);
        await Api.SetIntegrationsAsync(false);

        var ex = await Assert.ThrowsAsync<RinkelApiException>(() => client.RegisterWebhookAsync(Settings(), null, CancellationToken.None));

        Assert.Equal(RinkelErrorKind.PermissionDenied, ex.Kind);
        Assert.Equal("Current plan does not include integrations", ex.ApiMessage);
        Assert.Equal([("POST", Hook, 403)], await WireAsync());
    }

    [Theory]
    [InlineData("http://hooks.example.com/end")]
    [InlineData("/relative/end")]
    public void Settings_refuse_a_url_that_is_not_absolute_https(string url)
    {
        var ex = Assert.Throws<ArgumentException>(() => new WebhookSettings("callEnd", new Uri(url, UriKind.RelativeOrAbsolute), WebhookContentType.Json, true, null));
        Assert.Contains("https", ex.Message);
    }

    private sealed class RecordingObserver : IRinkelObserver
    {
        public List<string> Warnings { get; } = [];
        public void OnRequestCompleted(RequestTrace trace) { }
        public void OnRetryScheduled(RetryTrace trace) { }
        public void OnWarning(string message) { lock (Warnings) Warnings.Add(message); }
        public void OnListingProgress(long received, long? total) { }
    }
}
