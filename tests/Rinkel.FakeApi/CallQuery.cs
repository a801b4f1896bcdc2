using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Rinkel.FakeApi;

/// <summary>
/// The filters and sort of GET /call-detail-records and GET /voicemails, parsed and validated as the contract
/// documents them. Filter enums are upper-case only (the API answers lowercase directions, but a filter
/// direction=inbound is a 400 here, so a client that forgets to upper-case is caught). Date presets win over
/// startDate/endDate, duration presets over minDuration/maxDuration, and on /voicemails "new" wins over all.
/// Presets have no documented time zone: the fake uses UTC.
/// </summary>
internal sealed class CallQuery
{
    public static readonly string[] Directions = ["INBOUND", "OUTBOUND"];
    public static readonly string[] Statuses = ["MISSED", "ANSWERED", "VOICEMAIL"];
    public static readonly string[] Sentiments = ["POSITIVE", "NEGATIVE", "NEUTRAL"];
    public static readonly string[] DatePresets = ["TODAY", "THIS-WEEK", "LAST-TWO-WEEKS", "LAST-MONTH"];
    public static readonly string[] DurationPresets = ["1-5", "5-15", "15-30", "30-0"];
    public static readonly string[] Sorts = ["date", "duration", "status", "internalNumber", "externalNumber", "user"];
    public static readonly string[] SortOrders = ["ASC", "DESC"];

    // What /voicemails documents; anything else sent there is ignored, as unknown query parameters are.
    private static readonly HashSet<string> VoicemailFilters =
        ["internalNumber", "externalNumber", "datePreset", "startDate", "endDate", "hasNotes", "isAnonymous", "contactLookup", "sortOrder", "new"];

    private string? _text;
    private HashSet<string>? _internalNumbers;
    private string? _externalNumber;
    private HashSet<string>? _directions;
    private HashSet<string>? _statuses;
    private HashSet<string>? _users;
    private HashSet<string>? _sentiments;
    private List<(DateTimeOffset From, DateTimeOffset Until)>? _dateRanges;
    private long? _start;
    private long? _end;
    private List<(int Min, int? Max)>? _durationRanges;
    private int? _minDuration;
    private int? _maxDuration;
    private bool? _hasContact;
    private bool? _isAnonymous;
    private bool? _hasInsights;
    private bool? _hasNotes;
    private bool? _new;
    private bool _voicemailsOnly;

    public string Sort { get; private set; } = "date";

    public bool Descending { get; private set; } = true;

    /// <summary>contactLookup=false: records carry no contact (the lookup was not made).</summary>
    public bool ContactLookup { get; private set; } = true;

    /// <summary>Parses the query; every problem is added to <paramref name="errors"/> (the API reports them all).</summary>
    public static CallQuery Parse(IQueryCollection query, bool voicemails, int seed, DateTimeOffset now, List<ApiError> errors)
    {
        var q = new CallQuery { _voicemailsOnly = voicemails };
        bool Allowed(string name) => !voicemails || VoicemailFilters.Contains(name);

        if (voicemails && query.ContainsKey("new"))
        {
            // "When new is used every other filter is ignored" (the contract): only new itself is read.
            q._new = ReadBool(query, "new", errors);
            return q;
        }

        if (Allowed("filter")) q._text = ReadSingle(query, "filter", errors);
        if (Allowed("internalNumber")) q._internalNumbers = ReadIds(query, "internalNumber", errors);
        if (Allowed("externalNumber")) q._externalNumber = ReadSingle(query, "externalNumber", errors);
        if (Allowed("direction")) q._directions = ReadEnum(query, "direction", Directions, errors);
        if (Allowed("status")) q._statuses = ReadEnum(query, "status", Statuses, errors);
        if (Allowed("user")) q._users = ReadIds(query, "user", errors);
        if (Allowed("sentiment")) q._sentiments = ReadEnum(query, "sentiment", Sentiments, errors);
        if (Allowed("datePreset") && ReadEnum(query, "datePreset", DatePresets, errors) is { } datePresets)
        {
            q._dateRanges = datePresets.Select(p => DateRange(p, now)).ToList();
        }

        if (Allowed("startDate")) q._start = ReadLong(query, "startDate", errors);
        if (Allowed("endDate")) q._end = ReadLong(query, "endDate", errors);
        if (Allowed("durationPreset") && ReadEnum(query, "durationPreset", DurationPresets, errors) is { } durationPresets)
        {
            q._durationRanges = durationPresets.Select(DurationRange).ToList();
        }

        if (Allowed("minDuration")) q._minDuration = (int?)ReadLong(query, "minDuration", errors, int.MaxValue);
        if (Allowed("maxDuration")) q._maxDuration = (int?)ReadLong(query, "maxDuration", errors, int.MaxValue);
        if (Allowed("hasContact")) q._hasContact = ReadBool(query, "hasContact", errors);
        if (Allowed("isAnonymous")) q._isAnonymous = ReadBool(query, "isAnonymous", errors);
        if (Allowed("hasInsights")) q._hasInsights = ReadBool(query, "hasInsights", errors);
        if (Allowed("hasNotes")) q._hasNotes = ReadBool(query, "hasNotes", errors);
        if (Allowed("contactLookup")) q.ContactLookup = ReadBool(query, "contactLookup", errors) ?? true;
        if (Allowed("sort") && ReadEnum(query, "sort", Sorts, errors) is { } sort)
        {
            if (sort.Count > 1 || query["sort"].Count > 1) errors.Add(Invalid("sort", query["sort"], "sort takes one value"));
            else q.Sort = sort.First();
        }

        if (Allowed("sortOrder") && ReadEnum(query, "sortOrder", SortOrders, errors) is { } order)
        {
            if (order.Count > 1 || query["sortOrder"].Count > 1) errors.Add(Invalid("sortOrder", query["sortOrder"], "sortOrder takes one value"));
            else q.Descending = order.First() == "DESC";
        }

        return q;
    }

    /// <summary>The matching records in the requested order.</summary>
    public List<FakeCallRecord> Apply(CallSnapshot snapshot, int seed, bool odd)
    {
        var matches = new List<FakeCallRecord>();
        foreach (var r in snapshot.Records)
        {
            if (Matches(r, seed, odd, snapshot.Users))
            {
                matches.Add(r);
            }
        }

        // Records are oldest first already: the default sort needs no work.
        if (Sort == "date")
        {
            if (Descending) matches.Reverse();
            return matches;
        }

        Comparison<FakeCallRecord> byKey = Sort switch
        {
            "duration" => (a, b) => a.DurationSeconds.CompareTo(b.DurationSeconds),
            "status" => (a, b) => string.CompareOrdinal(a.Status, b.Status),
            "internalNumber" => (a, b) => string.CompareOrdinal(a.Internal.E164, b.Internal.E164),
            "externalNumber" => (a, b) => string.CompareOrdinal(a.External.E164 ?? "", b.External.E164 ?? ""),
            _ => (a, b) => string.CompareOrdinal(UserName(a), UserName(b)),
        };
        string UserName(FakeCallRecord r) => r.UserIndex is { } i ? snapshot.Users.Get(seed, i, odd).FullName : "";

        // Ties fall back to date and then to the record itself, so pages never disagree about the order.
        matches.Sort((a, b) =>
        {
            var c = byKey(a, b);
            if (c == 0) c = a.Date.CompareTo(b.Date);
            if (c == 0) c = a.Index.CompareTo(b.Index);
            return Descending ? -c : c;
        });
        return matches;
    }

    private bool Matches(FakeCallRecord r, int seed, bool odd, UserCache users)
    {
        if (_voicemailsOnly && r.Status != "VOICEMAIL") return false;
        if (_new is { } isNew) return r.Voicemail?.New == isNew;

        if (_dateRanges is not null)
        {
            if (!_dateRanges.Any(range => r.Date >= range.From && r.Date < range.Until)) return false;
        }
        else
        {
            // Unix seconds, both ends inclusive to the whole second.
            var seconds = r.Date.ToUnixTimeSeconds();
            if (_start is { } start && seconds < start) return false;
            if (_end is { } end && seconds > end) return false;
        }

        if (_durationRanges is not null)
        {
            if (!_durationRanges.Any(d => r.DurationSeconds >= d.Min && (d.Max is not { } max || r.DurationSeconds < max))) return false;
        }
        else
        {
            if (_minDuration is { } min && r.DurationSeconds < min) return false;
            if (_maxDuration is { } max && r.DurationSeconds > max) return false;
        }

        if (_directions is not null && !_directions.Contains(r.Direction.ToUpperInvariant())) return false;
        if (_statuses is not null && !_statuses.Contains(r.Status)) return false;
        if (_sentiments is not null && (r.Insights is null || !_sentiments.Contains(r.Insights.Sentiment.ToUpperInvariant()))) return false;
        if (_users is not null && (r.UserIndex is not { } ui || !_users.Contains(UserIds.Encode(seed, ui)))) return false;
        if (_internalNumbers is not null && (!r.Internal.Active || !_internalNumbers.Contains(r.Internal.Id))) return false;
        if (_hasContact is { } hasContact && (r.Contact is not null) != hasContact) return false;
        if (_isAnonymous is { } anonymous && r.External.Anonymous != anonymous) return false;
        if (_hasInsights is { } hasInsights && (r.Insights is not null) != hasInsights) return false;
        if (_hasNotes is { } hasNotes && (r.Notes.Length > 0) != hasNotes) return false;
        if (_externalNumber is { } number && !MatchesNumber(r.External, number)) return false;
        if (_text is { } text && !MatchesText(r, text, seed, odd, users)) return false;
        return true;
    }

    // Typed as the user would: "+31 6 1234", "0612345678" or "612345678" all find +31612345678.
    private static bool MatchesNumber(ExternalNumber external, string value)
    {
        if (external.E164 is null) return false;
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0) return false;
        var national = external.Localized?.Replace(" ", "", StringComparison.Ordinal) ?? "";
        return external.E164.Contains(digits, StringComparison.Ordinal) || national.Contains(digits, StringComparison.Ordinal);
    }

    private static bool MatchesText(FakeCallRecord r, string text, int seed, bool odd, UserCache users)
    {
        bool Has(string? field) => field is not null && field.Contains(text, StringComparison.OrdinalIgnoreCase);
        return Has(r.External.E164) || Has(r.External.Localized) || Has(r.Contact?.FullName) || Has(r.Contact?.CompanyName)
               || Has(r.Internal.Label) || Has(r.Internal.E164)
               || (r.UserIndex is { } ui && Has(users.Get(seed, ui, odd).FullName));
    }

    /// <summary>[From, Until) of a date preset at <paramref name="now"/>, in UTC.</summary>
    public static (DateTimeOffset From, DateTimeOffset Until) DateRange(string preset, DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var tomorrow = today.AddDays(1);
        return preset switch
        {
            "TODAY" => (today, tomorrow),
            "THIS-WEEK" => (today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), tomorrow),
            "LAST-TWO-WEEKS" => (today.AddDays(-13), tomorrow),
            _ => (today.AddMonths(-1), tomorrow),
        };
    }

    /// <summary>[Min, Max) seconds of a duration preset (minutes in its name; "30-0" has no upper end).</summary>
    public static (int Min, int? Max) DurationRange(string preset) => preset switch
    {
        "1-5" => (60, 300),
        "5-15" => (300, 900),
        "15-30" => (900, 1800),
        _ => (1800, null),
    };

    private static string? ReadSingle(IQueryCollection query, string name, List<ApiError> errors)
    {
        if (!query.TryGetValue(name, out StringValues values)) return null;
        if (values.Count != 1)
        {
            errors.Add(Invalid(name, values, $"{name} takes one value"));
            return null;
        }

        return values[0];
    }

    private static HashSet<string>? ReadEnum(IQueryCollection query, string name, string[] allowed, List<ApiError> errors)
    {
        if (!query.TryGetValue(name, out StringValues values)) return null;
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            // Case-sensitive on purpose: the API's filters are upper-case (sort values are camelCase).
            if (v is null || !allowed.Contains(v, StringComparer.Ordinal))
            {
                errors.Add(Invalid(name, values, $"each value of {name} must be one of the following values: {string.Join(", ", allowed)}"));
                return null;
            }

            set.Add(v);
        }

        return set;
    }

    private static HashSet<string>? ReadIds(IQueryCollection query, string name, List<ApiError> errors)
    {
        if (!query.TryGetValue(name, out StringValues values)) return null;
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            if (v is not { Length: 24 } || !v.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                errors.Add(Invalid(name, values, $"each value in {name} must be a mongodb id"));
                return null;
            }

            set.Add(v);
        }

        return set;
    }

    private static long? ReadLong(IQueryCollection query, string name, List<ApiError> errors, long max = long.MaxValue)
    {
        if (ReadSingle(query, name, errors) is not { } text) return null;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > max)
        {
            errors.Add(Invalid(name, text, $"{name} must be a non-negative integer"));
            return null;
        }

        return value;
    }

    private static bool? ReadBool(IQueryCollection query, string name, List<ApiError> errors)
    {
        if (ReadSingle(query, name, errors) is not { } text) return null;
        if (text is "true") return true;
        if (text is "false") return false;
        errors.Add(Invalid(name, text, $"{name} must be a boolean value"));
        return null;
    }

    private static ApiError Invalid(string name, StringValues got, string message) =>
        new("VALIDATION_ERROR", message, $"Got {name}='{got}'.");
}
