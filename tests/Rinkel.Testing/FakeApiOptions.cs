using Rinkel.FakeApi;

namespace Rinkel.Testing;

/// <summary>How a fake server starts; <see cref="FakeRinkelApi.ResetAsync"/> returns to these values.</summary>
public sealed record FakeApiOptions
{
    public int Users { get; init; } = 137;

    /// <summary>The tenant: other seeds give other ids and names.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>A fresh key per options instance, so no test can lean on another server's key.</summary>
    public string ApiKey { get; init; } = "test-key-" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>False: listings answer only <c>{"data": [...]}</c>, as one documented variant does.</summary>
    public bool Meta { get; init; } = true;

    /// <summary>True: GET /users/{id} answers a bare user instead of <c>{"data": user}</c>.</summary>
    public bool BareSingle { get; init; }

    public int LatencyMs { get; init; }

    /// <summary>True: some users carry beta-API oddities (rules in the fake's UserGenerator; see <see cref="FakeOddities"/>).</summary>
    public bool Odd { get; init; }

    /// <summary>Generated call detail records in the tenant's history (newest a minute before the server started).</summary>
    public int CallRecords { get; init; } = 1000;
}

/// <summary>A change to a running server's settings: only the non-null members are changed.</summary>
public sealed record FakeApiConfig
{
    public int? Users { get; init; }
    public int? Seed { get; init; }
    public bool? Meta { get; init; }
    public bool? BareSingle { get; init; }
    public int? LatencyMs { get; init; }
    public bool? Odd { get; init; }

    /// <summary>Generated call detail records (the history is rebuilt, and inserted calls dropped, when it changes).</summary>
    public int? CallRecords { get; init; }

    /// <summary>When the generated history ends, in unix seconds (null in a GET: a minute before the server started).</summary>
    public long? CallsEndAt { get; init; }

    /// <summary>Calls inserted (dated now) before each call-record or voicemail listing request is answered.</summary>
    public int? InsertCallsPerListing { get; init; }

    /// <summary>Uploaded recordings (GET /recordings); 57 at start.</summary>
    public int? Recordings { get; init; }

    /// <summary>Lifetime of the audio URLs' tokens; 0 issues tokens that are already expired.</summary>
    public int? AudioTokenSeconds { get; init; }

    /// <summary>Every audio file's length in bytes (null in a GET: by duration, at most 1 MB).</summary>
    public int? AudioBytes { get; init; }

    /// <summary>Throttles every audio body to this many bytes per second (at least 1024).</summary>
    public int? AudioBytesPerSecond { get; init; }
}

/// <summary>A call the fake inserted (POST /_fake/calls).</summary>
public sealed record FakeCall
{
    public string Id { get; init; } = "";
    public string CallId { get; init; } = "";
    public string Date { get; init; } = "";
    public string Status { get; init; } = "";
}

/// <summary>One API request as the fake saw it (GET /_fake/requests).</summary>
public sealed record FakeRequest
{
    public int Seq { get; init; }
    public string Method { get; init; } = "";

    /// <summary>The request-target exactly as sent on the wire, escaping included.</summary>
    public string RawTarget { get; init; } = "";

    public string Path { get; init; } = "";

    /// <summary>The raw query string with its leading '?', or empty.</summary>
    public string Query { get; init; } = "";

    public bool ApiKeyValid { get; init; }
    public bool HasApiKey { get; init; }
    public string? UserAgent { get; init; }

    /// <summary>The status sent; 0 when no response was sent (a drop fault, or the client gave up first).</summary>
    public int Status { get; init; }

    /// <summary>The kind of the fault this request took, or null.</summary>
    public string? Fault { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>From arrival to the response headers leaving (latency and delay faults included).</summary>
    public double ElapsedMs { get; init; }
}

/// <summary>
/// The index rules of odd mode, the same code the fake applies, so tests can name the odd users.
/// Indexes 0, 1, 2 and 4 are always clean.
/// </summary>
public static class FakeOddities
{
    /// <summary>index % 7 == 3: availability is the unknown value "BUSY".</summary>
    public static bool IsBusy(int index) => OddUsers.IsBusy(index);

    /// <summary>index % 11 == 5: role is lowercase "user".</summary>
    public static bool IsLowercaseRole(int index) => OddUsers.IsLowercaseRole(index);

    /// <summary>index % 13 == 6: an unknown extra member "teams": {"enabled": true, "presenceSync": "BIDIRECTIONAL"}.</summary>
    public static bool HasTeams(int index) => OddUsers.HasTeams(index);

    /// <summary>index % 17 == 7: no phoneNumber member.</summary>
    public static bool LacksPhoneNumber(int index) => OddUsers.LacksPhoneNumber(index);

    /// <summary>index % 19 == 8: preferences.webphone is null.</summary>
    public static bool HasNullWebphone(int index) => OddUsers.HasNullWebphone(index);

    /// <summary>index % 23 == 9: avatarUrls is {"small": null, "large": null} (with includeAvatars=true).</summary>
    public static bool HasNullAvatars(int index) => OddUsers.HasNullAvatars(index);

    /// <summary>index % 29 == 10: notifications.missedCalls.channels is ["email", "app", "sms"].</summary>
    public static bool HasSmsChannel(int index) => OddUsers.HasSmsChannel(index);

    /// <summary>index % 31 == 11: no fixed member.</summary>
    public static bool LacksFixed(int index) => OddUsers.LacksFixed(index);
}
