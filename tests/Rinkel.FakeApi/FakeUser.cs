namespace Rinkel.FakeApi;

/// <summary>One generated user, as the JSON writer needs it. Null members are absent from the JSON.</summary>
internal sealed class FakeUser
{
    public required string Id { get; init; }
    public required long Index { get; init; }
    public required string Initials { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required string FullName { get; init; }
    public required string Email { get; init; }
    public required PhoneNumber? Phone { get; init; }
    public required string Availability { get; init; }
    public required string Role { get; init; }
    public required string Locale { get; init; }
    public required string AvatarToken { get; init; }
    public required bool HasLargeAvatar { get; init; }
    public required bool NullAvatars { get; init; }
    public required Preferences Preferences { get; init; }
    public required Notification[] Notifications { get; init; }
    public required bool InsightsEnabled { get; init; }
    public required FixedSettings? Fixed { get; init; }
    public required string? DeviceId { get; init; }
    public required bool HasTeamsField { get; init; }
}

internal sealed record PhoneNumber(string E164, string CountryIsoCode, int CountryCallingCode, string Number);

internal sealed record Preferences(
    string Language,
    string DefaultCountryCode,
    string? DefaultOutboundNumber,
    string ColorMode,
    Webphone? Webphone);

internal sealed record Webphone(
    string RingTone,
    bool RingDevice,
    bool CallWaitingEnabled,
    bool PlayWaitingTone,
    bool MohEnabled,
    string MohMusic);

internal sealed record Notification(string Name, bool Enabled, string[] Channels);

internal sealed record FixedSettings(
    bool Enabled,
    string? TenantId,
    string? Extension,
    string? OutboundNumber,
    string RingDevice);
