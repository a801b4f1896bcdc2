using System.Text.Json;

namespace Rinkel.Testing;

public sealed partial class FakeRinkelApi
{
    /// <summary>GET /_fake/webhooks: the account's subscriptions, the test deliveries asked for, and the plan switch.</summary>
    public async Task<FakeWebhookState> GetWebhooksAsync() =>
        JsonSerializer.Deserialize<FakeWebhookState>(await SendAsync(HttpMethod.Get, "webhooks", null).ConfigureAwait(false), ControlJson)!;

    /// <summary>False: the account's plan lacks integrations, and every webhook call answers 403.</summary>
    public Task SetIntegrationsAsync(bool included) => SendAsync(HttpMethod.Post, "webhooks", new { integrations = included });
}

/// <summary>What the fake holds for webhooks (GET /_fake/webhooks).</summary>
public sealed record FakeWebhookState
{
    public bool Integrations { get; init; }
    public List<FakeWebhookSubscription> Webhooks { get; init; } = [];
    public List<FakeWebhookTestDelivery> Tests { get; init; } = [];
}

public sealed record FakeWebhookSubscription
{
    public string Event { get; init; } = "";
    public string Url { get; init; } = "";
    public string ContentType { get; init; } = "";
    public bool Active { get; init; }
    public string? Description { get; init; }
}

public sealed record FakeWebhookTestDelivery
{
    public string Event { get; init; } = "";
    public string Url { get; init; } = "";
    public string ContentType { get; init; } = "";
    public DateTimeOffset At { get; init; }
}
