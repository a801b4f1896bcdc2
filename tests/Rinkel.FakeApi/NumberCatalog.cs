using System.Text.Json;

namespace Rinkel.FakeApi;

/// <summary>
/// GET /numbers serves <see cref="TenantNumbers"/> (the numbers call records and users already refer to), with a
/// status, dates, the users they ring and, for the single number, a dial plan.
/// </summary>
internal static class NumberCatalog
{
    private static readonly DateTimeOffset Epoch = new(2021, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The users whose default outbound number is <paramref name="number"/>, among the first 500, at most 12.</summary>
    public static List<string> ActiveUserIds(FakeConfig config, TenantNumber number)
    {
        var ids = new List<string>();
        if (!number.Active)
        {
            return ids;
        }

        for (var i = 0L; i < Math.Min(config.Users, 500) && ids.Count < 12; i++)
        {
            var user = UserGenerator.Create(config.Seed, i, config.Odd);
            if (user.Preferences.DefaultOutboundNumber == number.Id)
            {
                ids.Add(user.Id);
            }
        }

        return ids;
    }

    public static DateTimeOffset ActivationDate(int seed, TenantNumber number) =>
        Epoch.AddDays(number.Which * 97 + (int)(UserIds.Hash(seed, 0x7A1, (ulong)number.Which) % 60)).AddMinutes(number.Which * 13);

    public static TenantNumber? Find(int seed, string? id)
    {
        for (var which = 0; which < TenantNumbers.Count; which++)
        {
            var number = TenantNumbers.Get(seed, which);
            if (number.Id == id)
            {
                return number;
            }
        }

        return null;
    }

    public static void Write(Utf8JsonWriter w, FakeConfig config, TenantNumber number, bool single)
    {
        var activated = ActivationDate(config.Seed, number);
        w.WriteStartObject();
        w.WriteString("id", number.Id);
        ListingEnvelope.WriteNullable(w, "label", number.Label);
        w.WriteString("number", number.E164);
        w.WriteString("localizedNumber", number.Localized);
        w.WriteString("status", number.Active ? "ACTIVE" : "CANCELLED");
        w.WriteString("activationDate", CallRecordJson.Timestamp(activated));
        ListingEnvelope.WriteNullable(w, "cancelDate", number.Active ? null : CallRecordJson.Timestamp(activated.AddDays(400)));
        w.WriteStartArray("activeUserIds");
        foreach (var id in ActiveUserIds(config, number))
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
        w.WriteStartObject("insights");
        w.WriteBoolean("enabled", number.Which % 2 == 0);
        w.WriteEndObject();
        if (single)
        {
            w.WriteNumber("dialPlanVersion", 3);
            WriteDialPlan(w, config, number);
        }

        w.WriteEndObject();
    }

    // The documented parts (announcement, businessHours, callRecording) and undocumented ones the client must keep.
    private static void WriteDialPlan(Utf8JsonWriter w, FakeConfig config, TenantNumber number)
    {
        string Recording(int i) => RecordingCatalog.Id(config.Seed, i % Math.Max(1, config.Recordings));
        w.WriteStartObject("dialPlan");
        w.WriteStartObject("announcement");
        w.WriteBoolean("enabled", number.Which % 2 == 0);
        w.WriteString("recordingId", Recording(number.Which));
        w.WriteEndObject();
        w.WriteStartObject("businessHours");
        w.WriteBoolean("enabled", number.Active);
        w.WriteStartArray("schedule");
        foreach (var day in new[] { "mon", "tue", "wed", "thu", "fri" })
        {
            w.WriteStartObject();
            w.WriteString("day", day);
            w.WriteStartArray("slots");
            w.WriteStartObject();
            w.WriteString("from", "09:00");
            w.WriteString("to", day == "fri" ? "16:00" : "17:30");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("greeting");
        w.WriteBoolean("enabled", true);
        w.WriteString("recordingId", Recording(number.Which + 1));
        w.WriteEndObject();
        w.WriteStartObject("forwarding");
        w.WriteString("strategy", "SIMULTANEOUS");
        w.WriteNumber("timeout", 25);
        w.WriteStartArray("userIds");
        foreach (var id in ActiveUserIds(config, number))
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        if (number.HasVoiceMenu)
        {
            w.WriteStartObject("voiceMenu");
            w.WriteBoolean("enabled", true);
            w.WriteStartArray("options");
            foreach (var dtmf in new[] { "1", "2" })
            {
                w.WriteStartObject();
                w.WriteString("dtmf", dtmf);
                w.WriteString("label", dtmf == "1" ? "Sales" : "Support");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteStartObject("callRecording");
        w.WriteBoolean("enabled", number.RecordsCalls);
        ListingEnvelope.WriteNullable(w, "announcementRecordingId", number.RecordsCalls ? Recording(number.Which + 2) : null);
        w.WriteEndObject();
        w.WriteStartObject("callerId");
        w.WriteBoolean("showOwnNumber", true);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
