using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Rinkel.Client.Tests;

/// <summary>
/// One fake API process per test class (servers take a second to start); each test resets it first.
/// The fixture warms the server and the client pipeline up, so the first test's timings are not JIT time.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public FakeRinkelApi Api { get; private set; } = null!;

    protected virtual FakeApiOptions Options => new() { Users = 137 };

    public async Task InitializeAsync()
    {
        Api = await FakeRinkelApi.StartAsync(Options);
        using (var client = Clients.Create(Api))
        {
            await client.VerifyAsync(null, CancellationToken.None);
            await client.GetUserAsync(FakeRinkelApi.UserId(0, Options.Seed), null, CancellationToken.None);
        }

        await Api.ResetAsync();
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

/// <summary>A second tenant (other seed, other key) for the tests that must never mix two connections up.</summary>
public sealed class SecondTenantFixture : ApiFixture
{
    protected override FakeApiOptions Options => new() { Users = 73, Seed = 2 };
}

public static class Clients
{
    /// <summary>A client for <paramref name="api"/> with delays scaled down so retry tests take milliseconds.</summary>
    public static RinkelClient Create(FakeRinkelApi api, Action<RinkelClientOptions>? configure = null, string? key = null)
    {
        var options = new RinkelClientOptions(api.BaseUri)
        {
            MaxRetryCount = 3,
            Timeout = TimeSpan.FromSeconds(10),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
            MaxRetryDuration = TimeSpan.FromSeconds(30),
            UserAgent = "Rinkel.Client.Tests",
        };
        configure?.Invoke(options);
        return new RinkelClient(options, RinkelApiKey.FromPlainText(key ?? api.ApiKey));
    }

    public static string Id(int index, int seed = 1) => FakeRinkelApi.UserId(index, seed);

    public static IEnumerable<string> Ids(int start, int count, int seed = 1) => Enumerable.Range(start, count).Select(i => Id(i, seed));

    /// <summary>The page a listing request asked for (1 when it names none), or null for other requests.</summary>
    public static int? PageOf(FakeRequest request)
    {
        if (request.Path != "/v1/users") return null;
        var match = Regex.Match(request.Query, @"[?&]page=(\d+)");
        return match.Success ? int.Parse(match.Groups[1].Value) : 1;
    }

    /// <summary>Reads a whole listing, keeping what arrived before a failure.</summary>
    public static async Task<ListingOutcome> ListAsync(RinkelClient client, ListUsersOptions? options = null, IRinkelObserver? observer = null, CancellationToken cancellationToken = default)
    {
        var users = new List<User>();
        var stopwatch = Stopwatch.StartNew();
        using var listing = client.ListUsers(options, observer);
        try
        {
            while (await listing.ReadNextPageAsync(cancellationToken) is { } page)
            {
                users.AddRange(page);
            }
        }
        catch (RinkelApiException ex)
        {
            return new ListingOutcome(users, ex, stopwatch.Elapsed, listing.TotalCount);
        }

        return new ListingOutcome(users, null, stopwatch.Elapsed, listing.TotalCount);
    }

    public static async Task<(User? User, RinkelApiException? Error, TimeSpan Elapsed)> GetAsync(RinkelClient client, string id, IRinkelObserver? observer = null)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            return (await client.GetUserAsync(id, observer, CancellationToken.None), null, stopwatch.Elapsed);
        }
        catch (RinkelApiException ex)
        {
            return (null, ex, stopwatch.Elapsed);
        }
    }
}

public sealed record ListingOutcome(List<User> Users, RinkelApiException? Error, TimeSpan Elapsed, long? TotalCount)
{
    public IEnumerable<string?> Ids => Users.Select(u => u.Id);

    public ListingOutcome ThrowIfFailed() => Error is null ? this : throw new Xunit.Sdk.XunitException("The listing failed: " + Error);
}

/// <summary>Records what the client reports, from whatever thread it reports on.</summary>
public sealed class RecordingObserver : IRinkelObserver
{
    public ConcurrentQueue<RequestTrace> Requests { get; } = new();
    public ConcurrentQueue<RetryTrace> Retries { get; } = new();
    public ConcurrentQueue<string> Warnings { get; } = new();
    public ConcurrentQueue<(long Received, long? Total)> Progress { get; } = new();

    /// <summary>Completes when the first retry is scheduled.</summary>
    public TaskCompletionSource<RetryTrace> FirstRetry { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OnRequestCompleted(RequestTrace trace) => Requests.Enqueue(trace);

    public void OnRetryScheduled(RetryTrace trace)
    {
        Retries.Enqueue(trace);
        FirstRetry.TrySetResult(trace);
    }

    public void OnWarning(string message) => Warnings.Enqueue(message);

    public void OnListingProgress(long received, long? total) => Progress.Enqueue((received, total));
}
