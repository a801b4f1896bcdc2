using System.Globalization;

namespace Rinkel.FakeApi;

/// <summary>One phone number of the tenant (what GET /numbers will serve), as call records refer to it.</summary>
internal sealed record TenantNumber(
    int Which,
    string Id,
    string? Label,
    string E164,
    string Localized,
    bool Active,
    bool HasVoiceMenu,
    bool RecordsCalls);

/// <summary>
/// The tenant's numbers, derived from the seed like everything else. Numbers 0..2 are the ids users already
/// carry as preferences.defaultOutboundNumber, and 0..1 are the landlines in fixed.outboundNumber, so a call
/// record's internal number is always one the users of the same tenant know.
/// </summary>
internal static class TenantNumbers
{
    private static readonly (string? Label, bool Active, bool Menu, bool Records)[] Shapes =
    [
        ("Main line", true, true, false),
        ("Support", true, true, true),
        ("Sales", true, false, true),
        ("Finance", true, false, false),
        (null, true, false, false),
        ("Old number", false, false, false),
    ];

    public static int Count => Shapes.Length;

    public static TenantNumber Get(int seed, int which)
    {
        var shape = Shapes[which];
        var e164 = which switch
        {
            0 or 1 => UserGenerator.TenantMainNumber(seed, which),
            4 => "+3491" + ((UserIds.Hash(seed, 0x7E2, 4) % 9_000_000UL) + 1_000_000UL).ToString(CultureInfo.InvariantCulture),
            _ => "+3120" + ((UserIds.Hash(seed, 0x7E1, (ulong)which) % 9_000_000UL) + 1_000_000UL).ToString(CultureInfo.InvariantCulture),
        };
        return new TenantNumber(which, UserGenerator.TenantObjectId(seed, 0xB0 + (ulong)which), shape.Label, e164,
            Localize(e164), shape.Active, shape.Menu, shape.Records);
    }

    /// <summary>The national form the app shows: "+31201234567" → "020 123 4567", "+34911234567" → "91 123 45 67".</summary>
    public static string Localize(string e164)
    {
        if (e164.StartsWith("+316", StringComparison.Ordinal) && e164.Length == 12)
        {
            return "06 " + e164[4..6] + " " + e164[6..9] + " " + e164[9..];
        }

        if (e164.StartsWith("+31", StringComparison.Ordinal) && e164.Length == 12)
        {
            return "0" + e164[3..5] + " " + e164[5..8] + " " + e164[8..];
        }

        if (e164.StartsWith("+34", StringComparison.Ordinal) && e164.Length == 12)
        {
            return e164[3..5] + " " + e164[5..8] + " " + e164[8..10] + " " + e164[10..];
        }

        if (e164.StartsWith("+32", StringComparison.Ordinal) && e164.Length >= 11)
        {
            return "0" + e164[3..6] + " " + e164[6..8] + " " + e164[8..];
        }

        // Foreign numbers stay international, with spaces after the calling code, like the app shows them.
        return e164.Length > 5 ? e164[..3] + " " + e164[3..] : e164;
    }
}
