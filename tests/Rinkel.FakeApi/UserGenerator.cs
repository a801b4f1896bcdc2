using System.Globalization;

namespace Rinkel.FakeApi;

/// <summary>
/// Builds user #index of tenant #seed on demand, deterministically: nothing is stored, so a tenant of
/// 100,000+ users costs nothing and any page is O(perPage).
/// </summary>
/// <remarks>Odd mode (which users carry beta-API oddities) follows <see cref="OddUsers"/>.</remarks>
internal static class UserGenerator
{
    private static readonly string[] NotificationNames = ["missedCalls", "callOutsideBusinessHours", "voicemail", "invoice"];
    private static readonly string[] RingTones = ["ringtone1", "ringtone2", "ringtone3", "ringtone4", "ringtone5", "ringtone6"];

    public static FakeUser Create(int seed, long index, bool odd)
    {
        var rng = new DeterministicRandom(UserIds.Hash(seed, 0x5EED, (ulong)index));
        var (firstName, lastName, email) = PickName(seed, index);
        var id = UserIds.Encode(seed, index);

        var country = rng.Pick(Countries, [55, 20, 13, 12]);
        var phone = MakePhone(seed, index, country);
        var language = country.Iso switch
        {
            "ES" => rng.Chance(0.8) ? "es" : "en",
            "SE" => rng.Chance(0.8) ? "sv" : "en",
            "BE" => rng.Chance(0.7) ? "nl" : "en",
            _ => rng.Chance(0.8) ? "nl" : "en",
        };
        var locale = language switch
        {
            "nl" => country.Iso == "BE" ? "nl-BE" : "nl-NL",
            "es" => "es-ES",
            "sv" => "sv-SE",
            _ => rng.Chance(0.6) ? "en-US" : "en-GB",
        };

        var role = index == 0 ? "ADMIN" : rng.Pick(["USER", "ADMIN", "ANSWERINGSERVICE"], [87, 8, 5]);
        var availability = rng.Chance(0.8) ? "AVAILABLE" : "UNAVAILABLE";

        var webphone = new Webphone(
            RingTone: rng.Pick(RingTones, [40, 15, 15, 10, 10, 10]),
            RingDevice: rng.Chance(0.7),
            CallWaitingEnabled: rng.Chance(0.75),
            PlayWaitingTone: rng.Chance(0.8),
            MohEnabled: rng.Chance(0.6),
            MohMusic: TenantObjectId(seed, 0xA0 + (ulong)rng.Next(2)));
        var preferences = new Preferences(
            Language: language,
            DefaultCountryCode: rng.Chance(0.85) ? country.Iso : "NL",
            DefaultOutboundNumber: rng.Chance(0.85) ? TenantObjectId(seed, 0xB0 + (ulong)rng.Next(3)) : null,
            ColorMode: rng.Pick(["light", "dark", "system"], [50, 25, 25]),
            Webphone: webphone);

        var notifications = new Notification[NotificationNames.Length];
        for (var n = 0; n < notifications.Length; n++)
        {
            var enabled = NotificationNames[n] switch
            {
                "invoice" => role == "ADMIN" || rng.Chance(0.1),
                "callOutsideBusinessHours" => rng.Chance(0.6),
                "voicemail" => rng.Chance(0.9),
                _ => rng.Chance(0.85),
            };
            string[] channels = NotificationNames[n] == "invoice"
                ? (enabled ? ["email"] : [])
                : rng.Pick<string[]>([["email", "app"], ["app"], ["email"], []], enabled ? [60, 25, 15, 0] : [20, 10, 20, 50]);
            notifications[n] = new Notification(NotificationNames[n], enabled, channels);
        }

        var fixedEnabled = rng.Chance(0.2);
        var fixedSettings = fixedEnabled
            ? new FixedSettings(
                true,
                TenantId: ((uint)UserIds.Hash(seed, 0xF1, 0) % 900_000 + 100_000).ToString(CultureInfo.InvariantCulture),
                Extension: (100 + index).ToString(CultureInfo.InvariantCulture),
                OutboundNumber: TenantMainNumber(seed, rng.Next(2)),
                RingDevice: rng.Chance(0.6) ? "fixed" : "mobile")
            : new FixedSettings(false, null, null, null, rng.Chance(0.7) ? "mobile" : "fixed");

        var insights = rng.Chance(0.9);
        var hasLargeAvatar = rng.Chance(0.6);
        var deviceId = rng.Chance(0.3) ? TenantObjectId(seed, 0xD000_0000UL + (ulong)index) : null;
        var avatarToken = UserIds.Hash(seed, 0xA7, (ulong)index).ToString("x16", CultureInfo.InvariantCulture);

        if (odd)
        {
            if (OddUsers.IsBusy(index)) availability = "BUSY";
            if (OddUsers.IsLowercaseRole(index)) role = "user";
            if (OddUsers.LacksPhoneNumber(index)) phone = null;
            if (OddUsers.HasNullWebphone(index)) preferences = preferences with { Webphone = null };
            if (OddUsers.HasSmsChannel(index)) notifications[0] = new Notification(NotificationNames[0], true, ["email", "app", "sms"]);
            if (OddUsers.LacksFixed(index)) fixedSettings = null;
        }

        return new FakeUser
        {
            Id = id,
            Index = index,
            Initials = Initials(firstName, lastName),
            FirstName = firstName,
            LastName = lastName,
            FullName = firstName + " " + lastName,
            Email = email,
            Phone = phone,
            Availability = availability,
            Role = role,
            Locale = locale,
            AvatarToken = avatarToken,
            HasLargeAvatar = hasLargeAvatar,
            NullAvatars = odd && OddUsers.HasNullAvatars(index),
            Preferences = preferences,
            Notifications = notifications,
            InsightsEnabled = insights,
            Fixed = fixedSettings,
            DeviceId = deviceId,
            HasTeamsField = odd && OddUsers.HasTeams(index),
        };
    }

    private sealed record Country(string Iso, int CallingCode, char MobilePrefix);

    private static readonly Country[] Countries =
    [
        new("NL", 31, '6'),
        new("BE", 32, '4'),
        new("ES", 34, '6'),
        new("SE", 46, '7'),
    ];

    // Every user gets a distinct 8-digit subscriber part (the odd multiplier, not a multiple of 5, is coprime to 10^8), so numbers are
    // unique within a tenant for the first 100 million users.
    private static PhoneNumber MakePhone(int seed, long index, Country country)
    {
        var offset = UserIds.Hash(seed, 0x9407, 0) % 100_000_000UL;
        var subscriber = ((ulong)index * 36_779_923UL + offset) % 100_000_000UL;
        var number = country.MobilePrefix + subscriber.ToString("D8", CultureInfo.InvariantCulture);
        var cc = country.CallingCode.ToString(CultureInfo.InvariantCulture);
        return new PhoneNumber("+" + cc + number, country.Iso, country.CallingCode, number);
    }

    /// <summary>An E.164 landline of the tenant (Amsterdam 020), used as a fixed outbound number.</summary>
    public static string TenantMainNumber(int seed, int which) =>
        "+3120" + ((UserIds.Hash(seed, 0x7E1, (ulong)which) % 9_000_000UL) + 1_000_000UL).ToString(CultureInfo.InvariantCulture);

    /// <summary>A stable ObjectId-like id for a tenant-level object (numbers, music on hold, devices).</summary>
    public static string TenantObjectId(int seed, ulong which)
    {
        var h1 = UserIds.Hash(seed, 0x0B1D, which);
        var h2 = UserIds.Hash(seed, 0x0B1E, which);
        return (0x64000000u | ((uint)h1 & 0x00FFFFFFu)).ToString("x8", CultureInfo.InvariantCulture)
               + h2.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Picks (first, last) so that within each block of F*L consecutive indexes every pair occurs once
    /// (a seed-keyed permutation), and appends ".n" to the email from the second block on: emails are
    /// unique without remembering any.
    /// </summary>
    private static (string First, string Last, string Email) PickName(int seed, long index)
    {
        var f = NameLists.FirstNames.Length;
        var l = NameLists.LastNames.Length;
        var k = (long)f * l;
        var block = index / k;
        var p = Permute((ulong)(index % k), (ulong)k, UserIds.Hash(seed, 0x4A3E, (ulong)block));
        var first = (int)(p % (ulong)f);
        var last = (int)(p / (ulong)f);
        var email = NameLists.FoldedFirstNames[first] + "." + NameLists.FoldedLastNames[last]
                    + (block > 0 ? "." + (block + 1).ToString(CultureInfo.InvariantCulture) : "")
                    + "@example.com";
        return (NameLists.FirstNames[first], NameLists.LastNames[last], email);
    }

    // A keyed bijection on [0, n): rounds of (multiply by odd, add, xorshift) are each bijective on the
    // enclosing power of two, and cycle-walking brings the result back below n.
    private static ulong Permute(ulong x, ulong n, ulong key)
    {
        var bits = 64 - System.Numerics.BitOperations.LeadingZeroCount(n - 1);
        var mask = (1UL << bits) - 1;
        var shift = Math.Max(1, bits / 2);
        do
        {
            for (var round = 0; round < 3; round++)
            {
                var roundKey = UserIds.Mix(key + (ulong)round);
                x = (x * (roundKey | 1) + (roundKey >> 32)) & mask;
                x ^= x >> shift;
            }
        }
        while (x >= n);

        return x;
    }

    // Dutch style: "van der Berg" gives B, not v.
    private static string Initials(string firstName, string lastName)
    {
        var lastInitial = lastName.FirstOrDefault(char.IsUpper);
        if (lastInitial == default)
        {
            lastInitial = char.ToUpperInvariant(lastName[0]);
        }

        return string.Concat(char.ToUpperInvariant(firstName[0]), lastInitial);
    }
}

/// <summary>A tiny SplitMix64 stream: fast, seedable and identical on every platform and runtime.</summary>
internal struct DeterministicRandom(ulong state)
{
    private ulong _state = state;

    public ulong NextULong() => UserIds.Mix(_state++);

    public int Next(int exclusiveMax) => (int)(NextULong() % (ulong)exclusiveMax);

    public bool Chance(double probability) => (NextULong() >> 11) * (1.0 / (1UL << 53)) < probability;

    public T Pick<T>(T[] items, int[] weights)
    {
        var total = 0;
        foreach (var w in weights)
        {
            total += w;
        }

        var roll = Next(total);
        for (var i = 0; i < items.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return items[i];
            }
        }

        return items[^1];
    }
}
