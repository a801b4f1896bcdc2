using System.Globalization;
using System.Text.Json;

namespace Rinkel.FakeApi;

/// <summary>One uploaded recording (greeting, voice menu, music).</summary>
internal sealed record FakeRecording(int Index, string Id, string Name, string Description, string? Script, DateTimeOffset Date, int DurationSeconds);

/// <summary>GET /recordings: the tenant's uploaded audio, derived from the seed; sorted by the API, not the client.</summary>
internal static class RecordingCatalog
{
    private static readonly string[] Names =
        ["Welcome", "Voice menu", "Closed", "Holiday", "Hold music", "Queue message", "Call recording notice", "Voicemail greeting"];

    private static readonly string[] Descriptions =
        ["Played to every caller", "Press 1 for sales, 2 for support", "Outside business hours", "Public holidays", "Music on hold", "While waiting", "Calls are recorded", "Please leave a message"];

    public static readonly string[] SortKeys = ["date", "duration", "name", "description"];

    public static string Id(int seed, int index) => UserGenerator.TenantObjectId(seed, 0xE000UL + (ulong)index);

    public static FakeRecording Create(int seed, int index)
    {
        var kind = index % Names.Length;
        var hash = UserIds.Hash(seed, 0xE1, (ulong)index);
        var name = Names[kind] + (index < Names.Length ? "" : " " + (index / Names.Length + 1).ToString(CultureInfo.InvariantCulture));
        var script = kind is 0 or 2 or 7 ? $"Thank you for calling. {Descriptions[kind]}." : null;
        var date = new DateTimeOffset(2023, 1, 2, 8, 0, 0, TimeSpan.Zero).AddMinutes((long)(hash % 900_000));
        var duration = kind == 4 ? 60 + (int)(hash % 120) : 3 + (int)(hash % 40);
        return new FakeRecording(index, Id(seed, index), name, Descriptions[kind], script, date, duration);
    }

    public static FakeRecording? Find(FakeConfig config, string? id)
    {
        for (var i = 0; i < config.Recordings; i++)
        {
            if (Id(config.Seed, i) == id)
            {
                return Create(config.Seed, i);
            }
        }

        return null;
    }

    public static List<FakeRecording> Sorted(FakeConfig config, string sort, bool descending)
    {
        var all = Enumerable.Range(0, config.Recordings).Select(i => Create(config.Seed, i));
        IOrderedEnumerable<FakeRecording> ordered = sort switch
        {
            "duration" => descending ? all.OrderByDescending(r => r.DurationSeconds) : all.OrderBy(r => r.DurationSeconds),
            "name" => descending ? all.OrderByDescending(r => r.Name, StringComparer.Ordinal) : all.OrderBy(r => r.Name, StringComparer.Ordinal),
            "description" => descending ? all.OrderByDescending(r => r.Description, StringComparer.Ordinal) : all.OrderBy(r => r.Description, StringComparer.Ordinal),
            _ => descending ? all.OrderByDescending(r => r.Date) : all.OrderBy(r => r.Date),
        };
        return ordered.ThenBy(r => r.Index).ToList();
    }

    public static void Write(Utf8JsonWriter w, FakeConfig config, FakeRecording r, string origin)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("name", r.Name);
        w.WriteString("description", r.Description);
        ListingEnvelope.WriteNullable(w, "script", r.Script);
        // Like the API's other URLs: absolute and without /v1.
        w.WriteString("playUrl", $"{origin}/recordings/{r.Id}/stream");
        w.WriteString("date", CallRecordJson.Timestamp(r.Date));
        w.WriteNumber("duration", r.DurationSeconds);
        // The first recordings are in use by the numbers' dial plans (keyed by number id); the rest nowhere.
        if (r.Index < TenantNumbers.Count)
        {
            w.WriteStartObject("usage");
            w.WriteStartArray(TenantNumbers.Get(config.Seed, r.Index).Id);
            w.WriteStartObject();
            w.WriteString("feature", r.Index % 2 == 0 ? "greeting" : "voiceMenu");
            w.WriteStartObject("meta");
            ListingEnvelope.WriteNullable(w, "dtmf", r.Index % 2 == 0 ? null : "1");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("usage");
        }

        w.WriteEndObject();
    }
}
