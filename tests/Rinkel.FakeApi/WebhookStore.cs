namespace Rinkel.FakeApi;

/// <summary>One subscription as the fake keeps it.</summary>
internal sealed record FakeWebhook(string Event, string Url, string ContentType, bool Active, string? Description);

/// <summary>One POST /webhooks/{event}/test the fake accepted: what Rinkel would have delivered a test event to.</summary>
internal sealed record FakeWebhookTest(string Event, string Url, string ContentType, DateTimeOffset At);

/// <summary>
/// The webhook subscriptions of every account, keyed by API key (one subscription per event each), the test
/// deliveries asked for, and the plan switch: an account whose plan lacks integrations gets 403 on every webhook call.
/// </summary>
internal sealed class WebhookStore
{
    public static readonly string[] Events = ["incomingCall", "outgoingCall", "callStart", "callEnd", "callInsights"];

    private readonly object _gate = new();
    private readonly Dictionary<string, Dictionary<string, FakeWebhook>> _byKey = new(StringComparer.Ordinal);
    private readonly List<FakeWebhookTest> _tests = [];
    private bool _integrations = true;

    public bool Integrations
    {
        get { lock (_gate) return _integrations; }
        set { lock (_gate) _integrations = value; }
    }

    /// <summary>The account's subscriptions in event order (the order of <see cref="Events"/>).</summary>
    public List<FakeWebhook> List(string apiKey)
    {
        lock (_gate)
        {
            return _byKey.TryGetValue(apiKey, out var subscriptions)
                ? [.. subscriptions.Values.OrderBy(w => Array.IndexOf(Events, w.Event))]
                : [];
        }
    }

    /// <summary>Adds the subscription unless the event already has one; false then.</summary>
    public bool TryAdd(string apiKey, FakeWebhook webhook)
    {
        lock (_gate)
        {
            var subscriptions = Account(apiKey);
            return subscriptions.TryAdd(webhook.Event, webhook);
        }
    }

    /// <summary>Replaces an existing subscription; false when the event has none.</summary>
    public bool TryReplace(string apiKey, FakeWebhook webhook)
    {
        lock (_gate)
        {
            var subscriptions = Account(apiKey);
            if (!subscriptions.ContainsKey(webhook.Event)) return false;
            subscriptions[webhook.Event] = webhook;
            return true;
        }
    }

    public bool TryRemove(string apiKey, string @event)
    {
        lock (_gate)
        {
            return Account(apiKey).Remove(@event);
        }
    }

    public void AddTest(FakeWebhookTest test)
    {
        lock (_gate) _tests.Add(test);
    }

    public List<FakeWebhookTest> Tests()
    {
        lock (_gate) return [.. _tests];
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byKey.Clear();
            _tests.Clear();
            _integrations = true;
        }
    }

    private Dictionary<string, FakeWebhook> Account(string apiKey)
    {
        if (!_byKey.TryGetValue(apiKey, out var subscriptions)) _byKey[apiKey] = subscriptions = new(StringComparer.Ordinal);
        return subscriptions;
    }
}
