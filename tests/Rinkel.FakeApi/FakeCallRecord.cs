namespace Rinkel.FakeApi;

/// <summary>One generated call detail record, as the JSON writer and the filters need it.</summary>
internal sealed class FakeCallRecord
{
    public required string Id { get; init; }
    public required string CallId { get; init; }
    public required long Index { get; init; }

    /// <summary>When the call started, UTC, whole milliseconds.</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>"inbound" or "outbound", lowercase as the API sends it (the filter takes INBOUND/OUTBOUND).</summary>
    public required string Direction { get; init; }

    public required ExternalNumber External { get; init; }
    public required TenantNumber Internal { get; init; }
    public required int DurationSeconds { get; init; }

    /// <summary>MISSED, ANSWERED, VOICEMAIL or ANSWERING_SERVICE.</summary>
    public required string Status { get; init; }

    public required string? MissedReason { get; init; }
    public required string? MenuOption { get; init; }

    /// <summary>Index of the user of the tenant who took or made the call; null when nobody did.</summary>
    public required long? UserIndex { get; init; }

    public required FakeContact? Contact { get; init; }
    public required FakeVoicemail? Voicemail { get; init; }
    public required FakeCallRecording? Recording { get; init; }
    public required FakeNote[] Notes { get; init; }
    public required FakeInsights? Insights { get; init; }
}

internal sealed record ExternalNumber(bool Anonymous, string? E164, string? Localized, bool OnClientBlacklist, bool OnGlobalBlacklist);

internal sealed record FakeContact(
    string Id,
    string FirstName,
    string LastName,
    string? CompanyName,
    string Label,
    string E164,
    string CountryIsoCode,
    int CountryCallingCode,
    bool Favorite,
    bool Shared,
    string? Tag,
    string? Email)
{
    public string FullName => FirstName + " " + LastName;

    public string Initials => string.Concat(FirstName[0], LastName.FirstOrDefault(char.IsUpper) is var c && c != default ? c : char.ToUpperInvariant(LastName[0]));
}

internal sealed record FakeVoicemail(string Id, bool New, int DurationSeconds);

internal sealed record FakeCallRecording(string Id, DateTimeOffset AvailableUntil, string Token);

internal sealed record FakeNote(string Id, string Content);

/// <summary>Sentiment is lowercase here, while the filter takes POSITIVE/NEGATIVE/NEUTRAL: one more casing quirk.</summary>
internal sealed record FakeInsights(string Summary, string Sentiment, string[] Topics);
