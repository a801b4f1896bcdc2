// Compiled into both the fake server and Rinkel.Testing (linked), so the tests rely on the very rules
// the server applies.
namespace Rinkel.FakeApi;

/// <summary>
/// Which users carry beta-API oddities when odd mode is on. Several can hit one user; indexes 0, 1, 2
/// and 4 are always clean, and every rule has a hit below index 12, so even a small tenant shows all.
/// </summary>
internal static class OddUsers
{
    /// <summary>index % 7 == 3: availability is the unknown value "BUSY".</summary>
    public static bool IsBusy(long index) => index % 7 == 3;

    /// <summary>index % 11 == 5: role is lowercase "user".</summary>
    public static bool IsLowercaseRole(long index) => index % 11 == 5;

    /// <summary>index % 13 == 6: an unknown extra member "teams": {"enabled": true, "presenceSync": "BIDIRECTIONAL"}.</summary>
    public static bool HasTeams(long index) => index % 13 == 6;

    /// <summary>index % 17 == 7: no phoneNumber member at all.</summary>
    public static bool LacksPhoneNumber(long index) => index % 17 == 7;

    /// <summary>index % 19 == 8: preferences.webphone is null.</summary>
    public static bool HasNullWebphone(long index) => index % 19 == 8;

    /// <summary>index % 23 == 9: avatarUrls is {"small": null, "large": null} (seen with includeAvatars=true).</summary>
    public static bool HasNullAvatars(long index) => index % 23 == 9;

    /// <summary>index % 29 == 10: notifications.missedCalls is enabled with channels ["email", "app", "sms"].</summary>
    public static bool HasSmsChannel(long index) => index % 29 == 10;

    /// <summary>index % 31 == 11: no fixed member at all.</summary>
    public static bool LacksFixed(long index) => index % 31 == 11;
}
