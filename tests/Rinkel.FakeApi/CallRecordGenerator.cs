using System.Globalization;

namespace Rinkel.FakeApi;

/// <summary>
/// Builds the tenant's call history deterministically from (seed, count, users, end time): a realistic office
/// rhythm (busy in business hours, quiet at night and at weekends), inbound and outbound calls, missed calls with
/// their reasons, anonymous callers, repeat callers with contacts, voicemails, recordings, notes and insights.
/// Records are generated newest first, stepping back in time, so record #index is older the lower its index.
/// </summary>
internal static class CallRecordGenerator
{
    /// <summary>Business hours of the fake tenant, Monday to Friday, in UTC (08:00-17:00 in Amsterdam winter time).</summary>
    public const int BusinessStartHourUtc = 7;

    public const int BusinessEndHourUtc = 16;

    /// <summary>How long call recordings are kept (the contract: 90 days).</summary>
    public static readonly TimeSpan RecordingRetention = TimeSpan.FromDays(90);

    private static readonly string[] Companies =
        ["Bakkerij de Molen", "Van Dijk Installatietechniek", "Hotel Zeezicht", "Garage Hendriks", "Studio Noord", "Dental Care Utrecht", "Fysio Oost", "Logistiek B.V."];

    private static readonly string[] NoteTexts =
        ["Customer asks for a call back tomorrow morning.", "Sent the quote by email.", "Escalated to second line.", "Wrong number.", "Invoice question: forwarded to Finance.", "Klant belt terug na 14:00."];

    private static readonly string[] Topics = ["invoice", "delivery", "appointment", "complaint", "quote", "technical issue", "cancellation", "opening hours"];

    private static readonly string[] Summaries =
    [
        "The caller asked about the status of an invoice and agreed to pay this week.",
        "A customer rescheduled an appointment to next Tuesday.",
        "The caller reported a technical issue; a technician will call back.",
        "A prospect requested a quote for ten licences.",
        "The caller complained about a late delivery and asked for a refund.",
    ];

    public static bool IsBusinessHours(DateTimeOffset utc) =>
        utc.UtcDateTime.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && utc.UtcDateTime.Hour >= BusinessStartHourUtc && utc.UtcDateTime.Hour < BusinessEndHourUtc;

    /// <summary>The whole history: <paramref name="count"/> records, oldest first, the newest at or before <paramref name="end"/>.</summary>
    public static FakeCallRecord[] Generate(int seed, int count, int users, bool odd, DateTimeOffset end, UserCache userCache)
    {
        var records = new FakeCallRecord[count];
        var t = end;
        for (var index = count - 1; index >= 0; index--)
        {
            var rng = new DeterministicRandom(UserIds.Hash(seed, 0xCA11, (ulong)index));
            // Exponential gaps: a few minutes apart in office hours, most of an hour apart at night.
            var mean = IsBusinessHours(t) ? 240.0 : 2400.0;
            var u = ((rng.NextULong() >> 11) + 1) * (1.0 / (1UL << 53));
            var gapMs = Math.Max(5_000L, (long)(-Math.Log(u) * mean * 1000));
            t = t.AddMilliseconds(-gapMs);
            records[index] = Create(seed, index, t, users, odd, end, userCache);
        }

        return records;
    }

    /// <summary>Record #index of the tenant, with the given start time; <paramref name="now"/> decides what has expired.</summary>
    public static FakeCallRecord Create(int seed, long index, DateTimeOffset date, int users, bool odd, DateTimeOffset now, UserCache userCache)
    {
        var rng = new DeterministicRandom(UserIds.Hash(seed, 0xCA12, (ulong)index));
        var inHours = IsBusinessHours(date);
        var inbound = users == 0 || rng.Chance(inHours ? 0.62 : 0.85);
        long? userIndex = users == 0 ? null : rng.Next(users);
        var user = userIndex is { } ui ? userCache.Get(seed, ui, odd) : null;

        var external = PickExternal(seed, inbound, ref rng, out var poolSlot);
        var blocked = inbound && (external.OnClientBlacklist || external.OnGlobalBlacklist);

        string status;
        string? missedReason = null;
        if (inbound)
        {
            if (blocked)
            {
                (status, missedReason) = ("MISSED", "BLOCKED");
            }
            else if (!inHours)
            {
                status = rng.Pick(["MISSED", "VOICEMAIL", "ANSWERED"], [55, 35, 10]);
                missedReason = status == "MISSED" ? "OUTSIDE_BUSINESS_HOURS" : null;
            }
            else
            {
                status = rng.Pick(["ANSWERED", "MISSED", "VOICEMAIL", "ANSWERING_SERVICE"], [70, 15, 8, 7]);
                missedReason = status == "MISSED" ? "NO_ANSWER" : null;
            }
        }
        else
        {
            status = rng.Chance(0.78) ? "ANSWERED" : "MISSED";
            missedReason = status == "MISSED" ? "NO_ANSWER" : null;
        }

        // Who is on the call: outbound and answered calls always have a user; missed and voicemail calls often rang
        // a whole group and belong to nobody; the answering service is not a user of the tenant.
        var keepUser = status switch
        {
            "ANSWERED" => true,
            "MISSED" => !inbound || (!blocked && rng.Chance(0.5)),
            "VOICEMAIL" => rng.Chance(0.3),
            _ => false,
        };
        if (!keepUser)
        {
            userIndex = null;
            user = null;
        }

        var internalNumber = inbound || user is null
            ? TenantNumbers.Get(seed, rng.Pick([0, 1, 2, 3, 4, 5], [40, 25, 15, 5, 10, 5]))
            : OutboundNumberOf(seed, user, ref rng);

        // Missed calls have no talk time; answered ones mostly last a few minutes, a few over half an hour.
        var duration = 0;
        if (status == "ANSWERED")
        {
            var (lo, hi) = rng.Pick([(15, 60), (60, 300), (300, 900), (900, 1800), (1800, 3600)], [35, 40, 17, 6, 2]);
            duration = lo + rng.Next(hi - lo);
        }
        else if (status == "ANSWERING_SERVICE")
        {
            duration = 30 + rng.Next(210);
        }

        FakeVoicemail? voicemail = null;
        if (status == "VOICEMAIL")
        {
            var message = 5 + rng.Next(85);
            duration = 20 + rng.Next(10) + message;
            var recent = now - date < TimeSpan.FromDays(3);
            voicemail = new FakeVoicemail(ObjectId(seed, 0xCD04, index, date), rng.Chance(recent ? 0.6 : 0.03), message);
        }

        string? menuOption = null;
        if (inbound && !blocked && internalNumber.HasVoiceMenu && rng.Chance(0.85))
        {
            menuOption = rng.Pick(["1", "2", "3", "4", "0", "*", "#"], [40, 25, 15, 8, 6, 3, 3]);
        }

        FakeCallRecording? recording = null;
        if (status == "ANSWERED" && internalNumber.RecordsCalls && rng.Chance(0.85))
        {
            var until = date + RecordingRetention;
            if (until > now)
            {
                recording = new FakeCallRecording(ObjectId(seed, 0xCD05, index, date), until,
                    UserIds.Hash(seed, 0xCD08, (ulong)index).ToString("x16", CultureInfo.InvariantCulture));
            }
        }

        var notes = rng.Pick([0, 1, 2], [90, 8, 2]) switch
        {
            0 => [],
            var n => Enumerable.Range(0, n).Select(k => new FakeNote(ObjectId(seed, 0xCD07, index * 4 + k, date), NoteTexts[rng.Next(NoteTexts.Length)])).ToArray(),
        };

        FakeInsights? insights = null;
        if (status == "ANSWERED" && user is { InsightsEnabled: true } && duration >= 30 && rng.Chance(0.8))
        {
            var topicCount = 1 + rng.Next(3);
            var first = rng.Next(Topics.Length);
            insights = new FakeInsights(
                Summaries[rng.Next(Summaries.Length)],
                rng.Pick(["positive", "neutral", "negative"], [45, 40, 15]),
                Enumerable.Range(0, topicCount).Select(k => Topics[(first + k * 3) % Topics.Length]).ToArray());
        }

        return new FakeCallRecord
        {
            Id = ObjectId(seed, 0xCD01, index, date),
            CallId = UserIds.Hash(seed, 0xCD02, (ulong)index).ToString("x16", CultureInfo.InvariantCulture)
                     + UserIds.Hash(seed, 0xCD03, (ulong)index).ToString("x16", CultureInfo.InvariantCulture),
            Index = index,
            Date = date,
            Direction = inbound ? "inbound" : "outbound",
            External = external,
            Internal = internalNumber,
            DurationSeconds = duration,
            Status = status,
            MissedReason = missedReason,
            MenuOption = menuOption,
            UserIndex = userIndex,
            Contact = poolSlot is { } slot ? ContactFor(seed, slot, external) : null,
            Voicemail = voicemail,
            Recording = recording,
            Notes = notes,
            Insights = insights,
        };
    }

    /// <summary>Like a MongoDB ObjectId: 8 hex of the creation time in unix seconds, then 16 hex unique to (kind, index).</summary>
    public static string ObjectId(int seed, uint kind, long index, DateTimeOffset created) =>
        ((uint)created.ToUnixTimeSeconds()).ToString("x8", CultureInfo.InvariantCulture)
        + UserIds.Hash(seed, kind, (ulong)index).ToString("x16", CultureInfo.InvariantCulture);

    // An outbound call shows the user's preferred outbound number when it is one of the tenant's, else the main line.
    private static TenantNumber OutboundNumberOf(int seed, FakeUser user, ref DeterministicRandom rng)
    {
        var preferred = user.Preferences.DefaultOutboundNumber;
        for (var k = 0; k < 3; k++)
        {
            var number = TenantNumbers.Get(seed, k);
            if (number.Id == preferred)
            {
                return number;
            }
        }

        return TenantNumbers.Get(seed, rng.Chance(0.8) ? 0 : 2);
    }

    // Three in four calls are with someone who calls often (a pool of repeat numbers, some saved as contacts).
    private static ExternalNumber PickExternal(int seed, bool inbound, ref DeterministicRandom rng, out long? poolSlot)
    {
        poolSlot = null;
        if (inbound && rng.Chance(0.06))
        {
            return new ExternalNumber(true, null, null, false, false);
        }

        ulong key;
        if (rng.Chance(0.75))
        {
            var slot = rng.Next(400);
            key = (ulong)slot;
            if (UserIds.Hash(seed, 0xC0C0, key) % 5 < 2)
            {
                poolSlot = slot;
            }
        }
        else
        {
            key = 1_000_000UL + rng.NextULong() % 1_000_000_000UL;
        }

        var h = UserIds.Hash(seed, 0xE164, key);
        var e164 = (h % 100) switch
        {
            < 50 => "+316" + (h / 100 % 100_000_000UL).ToString("D8", CultureInfo.InvariantCulture),
            < 75 => "+31" + (10 + h / 100 % 80).ToString(CultureInfo.InvariantCulture) + (h / 10_000 % 10_000_000UL).ToString("D7", CultureInfo.InvariantCulture),
            < 85 => "+324" + (h / 100 % 100_000_000UL).ToString("D8", CultureInfo.InvariantCulture),
            < 93 => "+4915" + (h / 100 % 1_000_000_000UL).ToString("D9", CultureInfo.InvariantCulture),
            _ => "+346" + (h / 100 % 100_000_000UL).ToString("D8", CultureInfo.InvariantCulture),
        };
        var clientBlacklist = poolSlot is null && h % 53 == 7;
        var globalBlacklist = poolSlot is null && h % 97 == 11;
        return new ExternalNumber(false, e164, TenantNumbers.Localize(e164), clientBlacklist, globalBlacklist);
    }

    private static FakeContact ContactFor(int seed, long slot, ExternalNumber external)
    {
        var h = UserIds.Hash(seed, 0xC0C1, (ulong)slot);
        var first = NameLists.FirstNames[(int)(h % (ulong)NameLists.FirstNames.Length)];
        var last = NameLists.LastNames[(int)(h / 1000 % (ulong)NameLists.LastNames.Length)];
        var company = h % 3 == 0 ? null : Companies[(int)(h / 7 % (ulong)Companies.Length)];
        var e164 = external.E164!;
        var (iso, cc) = e164[..3] switch
        {
            "+31" => ("NL", 31),
            "+32" => ("BE", 32),
            "+49" => ("DE", 49),
            _ => ("ES", 34),
        };
        return new FakeContact(
            Id: UserGenerator.TenantObjectId(seed, 0xC000_0000UL + (ulong)slot),
            FirstName: first,
            LastName: last,
            CompanyName: company,
            Label: e164.StartsWith("+316", StringComparison.Ordinal) ? "mobile" : "work",
            E164: e164,
            CountryIsoCode: iso,
            CountryCallingCode: cc,
            Favorite: h % 7 == 0,
            Shared: h % 2 == 0,
            Tag: h % 4 == 0 ? "VIP" : null,
            Email: company is null ? null : NameLists.Fold(first) + "@" + NameLists.Fold(company.Replace(".", "").Replace(" ", "")) + ".example");
    }
}

/// <summary>Users by index, generated once per history (thousands of records share a few hundred users).</summary>
internal sealed class UserCache
{
    private readonly Dictionary<long, FakeUser> _users = [];

    public FakeUser Get(int seed, long index, bool odd)
    {
        lock (_users)
        {
            if (!_users.TryGetValue(index, out var user))
            {
                _users[index] = user = UserGenerator.Create(seed, index, odd);
            }

            return user;
        }
    }
}
