using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Rinkel.FakeApi.Tests;

/// <summary>GET /call-detail-records: a realistic history consistent with the tenant, and every filter and sort as documented.</summary>
public sealed class CallRecordTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private readonly FakeRinkelApi _api = fixture.Api;

    public Task InitializeAsync() => _api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_history_is_realistic_and_consistent_with_the_users()
    {
        var records = await CallPages.AllAsync(_api, "");
        Assert.Equal(1000, records.Count);
        string[] members =
        [
            "id", "callId", "date", "direction", "externalNumber", "internalNumber", "duration", "status", "missedReason",
            "menuOption", "user", "contact", "voicemail", "callRecording", "notes", "insights",
        ];
        var users = (await CallPages.AllAsync(_api, "", "/v1/users")).ToDictionary(u => u.GetProperty("id").GetString()!);
        var outboundNumberIds = users.Values.Select(u => u.GetProperty("preferences").GetProperty("defaultOutboundNumber").GetString()).ToHashSet();
        var seen = new HashSet<string>();
        DateTimeOffset? previous = null;
        foreach (var r in records)
        {
            Assert.Equal(members, r.EnumerateObject().Select(p => p.Name));
            Assert.Matches("^[0-9a-f]{24}$", r.GetProperty("id").GetString());
            Assert.Matches("^[0-9a-f]{32}$", r.GetProperty("callId").GetString());
            Assert.True(seen.Add(r.GetProperty("id").GetString()!));
            var dateText = r.GetProperty("date").GetString()!;
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", dateText);
            var date = CallPages.Date(r);
            Assert.True(previous is null || date <= previous, "newest first by default");
            previous = date;
            Assert.Contains(r.GetProperty("direction").GetString(), (string[])["inbound", "outbound"]);

            if (r.GetProperty("user").ValueKind == JsonValueKind.Object)
            {
                var user = r.GetProperty("user");
                var full = users[user.GetProperty("id").GetString()!];
                Assert.Equal(full.GetProperty("fullName").GetString(), user.GetProperty("fullName").GetString());
                Assert.Equal(full.GetProperty("phoneNumber").GetRawText(), user.GetProperty("phoneNumber").GetRawText());
                var role = full.GetProperty("role").GetString();
                Assert.Equal(role switch { "ADMIN" => "admin", "USER" => "user", _ => "answeringService" }, user.GetProperty("role").GetString());
            }
            else
            {
                Assert.NotEqual("outbound", r.GetProperty("direction").GetString());
            }

            var internalNumber = r.GetProperty("internalNumber");
            Assert.Matches(@"^\+\d{11}$", internalNumber.GetProperty("number").GetString());
            Assert.False(string.IsNullOrEmpty(internalNumber.GetProperty("localizedNumber").GetString()));

            var external = r.GetProperty("externalNumber");
            if (external.GetProperty("anonymous").GetBoolean())
            {
                Assert.Equal(JsonValueKind.Null, external.GetProperty("e164").ValueKind);
                Assert.Equal("inbound", r.GetProperty("direction").GetString());
            }
            else
            {
                Assert.Matches(@"^\+\d{10,13}$", external.GetProperty("e164").GetString());
            }

            var status = r.GetProperty("status").GetString();
            var reason = r.GetProperty("missedReason").GetString();
            Assert.Equal(status == "MISSED", reason is not null);
            Assert.Equal(status == "VOICEMAIL", r.GetProperty("voicemail").ValueKind == JsonValueKind.Object);
            if (r.GetProperty("callRecording") is { ValueKind: JsonValueKind.Object } recording)
            {
                Assert.Equal("ANSWERED", status);
                Assert.Equal(date.AddDays(90), DateTimeOffset.Parse(recording.GetProperty("availableUntil").GetString()!, CultureInfo.InvariantCulture));
                Assert.StartsWith(_api.Origin() + "/audio/call-recording/", recording.GetProperty("playUrl").GetString());
            }

            if (r.GetProperty("insights") is { ValueKind: JsonValueKind.Object } insights)
            {
                Assert.Contains(insights.GetProperty("sentiment").GetString(), (string[])["positive", "neutral", "negative"]);
                Assert.True(insights.GetProperty("topics").GetArrayLength() >= 1);
            }
        }

        // Every mix the contract describes is there.
        Assert.Equal(["ANSWERED", "ANSWERING_SERVICE", "MISSED", "VOICEMAIL"], records.Select(r => r.GetProperty("status").GetString()).Distinct().Order());
        Assert.Equal(["BLOCKED", "NO_ANSWER", "OUTSIDE_BUSINESS_HOURS"], records.Select(r => r.GetProperty("missedReason").GetString()).OfType<string>().Distinct().Order());
        Assert.Equal(2, records.Select(r => r.GetProperty("direction").GetString()).Distinct().Count());
        Assert.Contains(records, r => r.GetProperty("externalNumber").GetProperty("anonymous").GetBoolean());
        Assert.Contains(records, r => r.GetProperty("callRecording").ValueKind == JsonValueKind.Object);
        Assert.Contains(records, r => r.GetProperty("contact").ValueKind == JsonValueKind.Object);
        Assert.Contains(records, r => r.GetProperty("insights").ValueKind == JsonValueKind.Object);
        Assert.Contains(records, r => r.GetProperty("notes").GetArrayLength() > 0);
        Assert.Contains(records, r => r.GetProperty("menuOption").ValueKind == JsonValueKind.String);
        Assert.Contains(records, r => r.GetProperty("internalNumber").GetProperty("id").ValueKind == JsonValueKind.Null);
        Assert.Contains(records, r => r.GetProperty("voicemail") is { ValueKind: JsonValueKind.Object } v && v.GetProperty("new").GetBoolean());
        // Outbound calls show the caller's preferred outbound number when the user has one of the tenant's.
        Assert.Contains(records, r => r.GetProperty("direction").GetString() == "outbound"
                                      && outboundNumberIds.Contains(r.GetProperty("internalNumber").GetProperty("id").GetString()));
        // Quiet nights: most calls fall in business hours.
        Assert.True(records.Count(r => IsBusinessHours(CallPages.Date(r))) > records.Count / 2);
    }

    [Theory]
    [InlineData("direction=INBOUND")]
    [InlineData("direction=INBOUND&direction=OUTBOUND")]
    [InlineData("status=MISSED")]
    [InlineData("status=VOICEMAIL&status=ANSWERED")]
    [InlineData("sentiment=NEGATIVE")]
    [InlineData("sentiment=POSITIVE&sentiment=NEUTRAL")]
    [InlineData("hasContact=true")]
    [InlineData("hasContact=false")]
    [InlineData("isAnonymous=true")]
    [InlineData("hasInsights=true")]
    [InlineData("hasNotes=true")]
    [InlineData("hasNotes=false")]
    [InlineData("minDuration=60&maxDuration=300")]
    [InlineData("durationPreset=1-5")]
    [InlineData("durationPreset=15-30&durationPreset=30-0")]
    [InlineData("durationPreset=1-5&minDuration=1000&maxDuration=2000")]
    [InlineData("datePreset=LAST-TWO-WEEKS")]
    [InlineData("datePreset=TODAY&datePreset=LAST-MONTH&startDate=0&endDate=1")]
    [InlineData("datePreset=THIS-WEEK")]
    [InlineData("status=MISSED&direction=INBOUND&isAnonymous=false")]
    public async Task Each_filter_selects_exactly_what_the_contract_says(string query)
    {
        var all = await CallPages.AllAsync(_api, "");
        var expected = all.Where(r => Expected(r, query, DateTimeOffset.UtcNow)).Select(CallPages.Id).ToList();
        var actual = (await CallPages.AllAsync(_api, query)).Select(CallPages.Id).ToList();
        Assert.Equal(expected, actual);
        if (!query.Contains("datePreset=TODAY", StringComparison.Ordinal) && !query.Contains("THIS-WEEK", StringComparison.Ordinal))
        {
            Assert.NotEmpty(actual);
        }
    }

    [Fact]
    public async Task Dates_filter_on_unix_seconds_both_ends_inclusive()
    {
        var all = await CallPages.AllAsync(_api, "");
        var from = CallPages.Date(all[300]).ToUnixTimeSeconds();
        var to = CallPages.Date(all[100]).ToUnixTimeSeconds();
        var actual = await CallPages.AllAsync(_api, $"startDate={from}&endDate={to}");
        Assert.Equal(all.Skip(100).Take(201).Select(CallPages.Id), actual.Select(CallPages.Id));

        // Milliseconds by mistake mean a date far in the future: silently nothing, as the real API would answer.
        Assert.Empty(await CallPages.AllAsync(_api, $"startDate={from * 1000}"));
        Assert.Equal(all.Count - 100, (await CallPages.AllAsync(_api, $"endDate={to}")).Count);
    }

    [Fact]
    public async Task Users_internal_and_external_numbers_and_free_text()
    {
        var all = await CallPages.AllAsync(_api, "");
        var withUser = all.Where(r => r.GetProperty("user").ValueKind == JsonValueKind.Object).ToList();
        var u1 = withUser[0].GetProperty("user").GetProperty("id").GetString()!;
        var u2 = withUser.First(r => r.GetProperty("user").GetProperty("id").GetString() != u1).GetProperty("user").GetProperty("id").GetString()!;
        var byUsers = await CallPages.AllAsync(_api, $"user={u1}&user={u2}");
        Assert.Equal(withUser.Where(r => r.GetProperty("user").GetProperty("id").GetString() is var id && (id == u1 || id == u2)).Select(CallPages.Id), byUsers.Select(CallPages.Id));

        var numberId = all.First(r => r.GetProperty("internalNumber").GetProperty("label").GetString() == "Support").GetProperty("internalNumber").GetProperty("id").GetString()!;
        var byNumber = await CallPages.AllAsync(_api, "internalNumber=" + numberId);
        Assert.Equal(all.Where(r => r.GetProperty("internalNumber").GetProperty("id").GetString() == numberId).Select(CallPages.Id), byNumber.Select(CallPages.Id));

        var withContact = all.First(r => r.GetProperty("contact").ValueKind == JsonValueKind.Object && r.GetProperty("externalNumber").GetProperty("e164").GetString()!.StartsWith("+316", StringComparison.Ordinal));
        var e164 = withContact.GetProperty("externalNumber").GetProperty("e164").GetString()!;
        var national = "0" + e164[3..];
        var byExternal = await CallPages.AllAsync(_api, "externalNumber=" + national);
        Assert.Equal(all.Where(r => r.GetProperty("externalNumber").GetProperty("e164").GetString() == e164).Select(CallPages.Id), byExternal.Select(CallPages.Id));
        Assert.True(byExternal.Count >= 1);

        var name = withContact.GetProperty("contact").GetProperty("lastName").GetString()!;
        var byText = await CallPages.AllAsync(_api, "filter=" + Uri.EscapeDataString(name.ToUpperInvariant()));
        Assert.Contains(byText, r => CallPages.Id(r) == CallPages.Id(withContact));
        Assert.All(byText, r => Assert.Contains(name, r.GetRawText(), StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("duration")]
    [InlineData("status")]
    [InlineData("internalNumber")]
    [InlineData("externalNumber")]
    [InlineData("user")]
    [InlineData("date")]
    public async Task Sorts_both_ways_with_a_stable_tie_break(string sort)
    {
        var asc = await CallPages.AllAsync(_api, $"sort={sort}&sortOrder=ASC");
        var desc = await CallPages.AllAsync(_api, $"sort={sort}");
        Assert.Equal(1000, asc.Select(CallPages.Id).Distinct().Count());
        Assert.Equal(asc.Select(CallPages.Id).Reverse(), desc.Select(CallPages.Id));
        var keys = asc.Select(r => Key(r, sort)).ToList();
        Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal), keys);
    }

    [Theory]
    [InlineData("direction=inbound", "direction")]
    [InlineData("status=ANSWERING_SERVICE", "status")]
    [InlineData("sortOrder=asc", "sortOrder")]
    [InlineData("sort=Date", "sort")]
    [InlineData("datePreset=today", "datePreset")]
    [InlineData("durationPreset=0-1", "durationPreset")]
    [InlineData("startDate=2024-01-01", "startDate")]
    [InlineData("minDuration=-5", "minDuration")]
    [InlineData("hasNotes=yes", "hasNotes")]
    [InlineData("user=not-an-id", "user")]
    [InlineData("internalNumber=ABCDEF0123456789ABCDEF01", "internalNumber")]
    [InlineData("filter=a&filter=b", "filter")]
    [InlineData("perPage=51", "perPage")]
    public async Task Invalid_filters_are_a_400_that_names_them(string query, string name)
    {
        var reply = await Http.GetAsync(_api, "/v1/call-detail-records?" + query);
        var error = reply.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains(name, error.GetProperty("message").GetString() + error.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contact_lookup_off_leaves_contacts_out()
    {
        var records = await CallPages.AllAsync(_api, "contactLookup=false");
        Assert.Equal(1000, records.Count);
        Assert.All(records, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("contact").ValueKind));
    }

    [Fact]
    public async Task Single_record_by_id_and_by_call_id()
    {
        var record = (await Http.GetJsonAsync(_api, "/v1/call-detail-records?perPage=1&hasNotes=true&hasInsights=true")).GetProperty("data")[0];
        var byId = (await Http.GetJsonAsync(_api, "/v1/call-detail-records/" + CallPages.Id(record))).GetProperty("data");
        Assert.Equal(record.GetRawText(), byId.GetRawText());

        var callId = record.GetProperty("callId").GetString();
        var plain = (await Http.GetJsonAsync(_api, $"/v1/call-detail-records/by-call-id/{callId}")).GetProperty("data");
        Assert.False(plain.TryGetProperty("notes", out _));
        Assert.False(plain.TryGetProperty("insights", out _));
        var detailed = (await Http.GetJsonAsync(_api, $"/v1/call-detail-records/by-call-id/{callId}?includeDetails=true")).GetProperty("data");
        Assert.Equal(record.GetRawText(), detailed.GetRawText());

        (await Http.GetAsync(_api, "/v1/call-detail-records/000000000000000000000000")).AssertError(HttpStatusCode.NotFound, "NOT_FOUND");
        (await Http.GetAsync(_api, "/v1/call-detail-records/by-call-id/00000000000000000000000000000000")).AssertError(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_new_call_appears_after_its_delay_on_every_route()
    {
        var calls = await _api.InsertCallsAsync(1, visibleAfterMs: 1500);
        var call = Assert.Single(calls);
        (await Http.GetAsync(_api, "/v1/call-detail-records/by-call-id/" + call.CallId)).AssertError(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.NotEqual(call.Id, CallPages.Id((await Http.GetJsonAsync(_api, "/v1/call-detail-records?perPage=1")).GetProperty("data")[0]));

        await Task.Delay(1700);
        var found = (await Http.GetJsonAsync(_api, "/v1/call-detail-records/by-call-id/" + call.CallId)).GetProperty("data");
        Assert.Equal(call.Id, CallPages.Id(found));
        Assert.Equal(call.Id, CallPages.Id((await Http.GetJsonAsync(_api, "/v1/call-detail-records?perPage=1")).GetProperty("data")[0]));
        Assert.Equal(1001, (await Http.GetJsonAsync(_api, "/v1/call-detail-records")).GetProperty("meta").GetProperty("pagination").GetProperty("totalItems").GetInt32());

        await _api.ResetAsync();
        (await Http.GetAsync(_api, "/v1/call-detail-records/" + call.Id)).AssertError(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Calls_inserted_while_listing_shift_newest_first_pages_unless_the_end_is_pinned()
    {
        await _api.ConfigureAsync(new FakeApiConfig { InsertCallsPerListing = 2 });
        var first = (await Http.GetJsonAsync(_api, "/v1/call-detail-records?perPage=10")).GetProperty("data").EnumerateArray().Select(CallPages.Id).ToList();
        var second = (await Http.GetJsonAsync(_api, "/v1/call-detail-records?perPage=10&page=2")).GetProperty("data").EnumerateArray().Select(CallPages.Id).ToList();
        // Two calls ended between the requests: the last two of page 1 come again at the top of page 2.
        Assert.Equal(first[^2..], second[..2]);

        var pinned = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        var a = (await Http.GetJsonAsync(_api, $"/v1/call-detail-records?perPage=10&endDate={pinned}")).GetProperty("data").EnumerateArray().Select(CallPages.Id).ToList();
        var b = (await Http.GetJsonAsync(_api, $"/v1/call-detail-records?perPage=10&page=2&endDate={pinned}")).GetProperty("data").EnumerateArray().Select(CallPages.Id).ToList();
        Assert.Empty(a.Intersect(b));
        var log = await _api.GetRequestsAsync();
        Assert.Equal(4, log.Count);
    }

    [Fact]
    public async Task Faults_and_no_meta_work_on_the_new_routes()
    {
        await _api.AddFaultsAsync(
            FakeFault.Status(503, path: "/v1/call-detail-records", page: 2),
            FakeFault.Malformed(MalformedVariant.WrongShape, path: "/v1/call-detail-records/*"),
            FakeFault.Malformed(MalformedVariant.Truncated, path: "/v1/voicemails"));
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(_api, "/v1/call-detail-records?page=1")).Status);
        (await Http.GetAsync(_api, "/v1/call-detail-records?page=2")).AssertError(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        var single = await Http.GetAsync(_api, "/v1/call-detail-records/by-call-id/x");
        Assert.Equal("[]", single.Text);
        var cut = await Http.GetAsync(_api, "/v1/voicemails");
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(cut.Body));

        await _api.ConfigureAsync(new FakeApiConfig { Meta = false });
        var body = await Http.GetJsonAsync(_api, "/v1/call-detail-records?perPage=50");
        Assert.Equal(["data"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Links_repeat_the_filters_without_v1_and_the_history_is_deterministic()
    {
        var body = await Http.GetJsonAsync(_api, "/v1/call-detail-records?status=MISSED&perPage=5&page=2");
        Assert.Equal($"{_api.Origin()}/call-detail-records?status=MISSED&page=3&perPage=5", body.GetProperty("meta").GetProperty("links").GetProperty("next").GetString());

        await _api.ConfigureAsync(new FakeApiConfig { CallsEndAt = 1_780_000_000, CallRecords = 300 });
        var a = (await Http.GetAsync(_api, "/v1/call-detail-records?perPage=50&page=3")).Text;
        await _api.ConfigureAsync(new FakeApiConfig { CallRecords = 299 });
        Assert.NotEqual(a, (await Http.GetAsync(_api, "/v1/call-detail-records?perPage=50&page=3")).Text);
        await _api.ConfigureAsync(new FakeApiConfig { CallRecords = 300 });
        Assert.Equal(a, (await Http.GetAsync(_api, "/v1/call-detail-records?perPage=50&page=3")).Text);
        var newest = (await Http.GetJsonAsync(_api, "/v1/call-detail-records?perPage=1")).GetProperty("data")[0];
        Assert.True(CallPages.Date(newest) <= DateTimeOffset.FromUnixTimeSeconds(1_780_000_000));
    }

    private static bool IsBusinessHours(DateTimeOffset d) =>
        d.UtcDateTime.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && d.UtcDateTime.Hour is >= 7 and < 16;

    private static string Key(JsonElement r, string sort) => sort switch
    {
        "duration" => r.GetProperty("duration").GetInt32().ToString("D6", CultureInfo.InvariantCulture),
        "status" => r.GetProperty("status").GetString()!,
        "internalNumber" => r.GetProperty("internalNumber").GetProperty("number").GetString()!,
        "externalNumber" => r.GetProperty("externalNumber").GetProperty("e164").GetString() ?? "",
        "user" => r.GetProperty("user") is { ValueKind: JsonValueKind.Object } u ? u.GetProperty("fullName").GetString()! : "",
        _ => r.GetProperty("date").GetString()!,
    };

    // The contract's rules, written independently of the fake's implementation.
    internal static bool Expected(JsonElement r, string query, DateTimeOffset now)
    {
        var q = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToLookup(p => p[0], p => p[1]);
        bool In(string name, string value) => !q.Contains(name) || q[name].Contains(value);
        var date = CallPages.Date(r);
        var duration = r.GetProperty("duration").GetInt32();
        if (!In("direction", r.GetProperty("direction").GetString()!.ToUpperInvariant())) return false;
        if (!In("status", r.GetProperty("status").GetString()!)) return false;
        if (q.Contains("sentiment") && (r.GetProperty("insights").ValueKind != JsonValueKind.Object
            || !In("sentiment", r.GetProperty("insights").GetProperty("sentiment").GetString()!.ToUpperInvariant()))) return false;
        bool Flag(string name, bool actual) => !q.Contains(name) || bool.Parse(q[name].Single()) == actual;
        if (!Flag("hasContact", r.GetProperty("contact").ValueKind == JsonValueKind.Object)) return false;
        if (!Flag("isAnonymous", r.GetProperty("externalNumber").GetProperty("anonymous").GetBoolean())) return false;
        if (!Flag("hasInsights", r.GetProperty("insights").ValueKind == JsonValueKind.Object)) return false;
        if (!Flag("hasNotes", r.GetProperty("notes").GetArrayLength() > 0)) return false;
        if (q.Contains("durationPreset"))
        {
            if (!q["durationPreset"].Any(p => p switch
                {
                    "1-5" => duration is >= 60 and < 300,
                    "5-15" => duration is >= 300 and < 900,
                    "15-30" => duration is >= 900 and < 1800,
                    _ => duration >= 1800,
                })) return false;
        }
        else
        {
            if (q.Contains("minDuration") && duration < int.Parse(q["minDuration"].Single(), CultureInfo.InvariantCulture)) return false;
            if (q.Contains("maxDuration") && duration > int.Parse(q["maxDuration"].Single(), CultureInfo.InvariantCulture)) return false;
        }

        if (q.Contains("datePreset"))
        {
            var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
            var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            if (!q["datePreset"].Any(p => date < today.AddDays(1) && date >= p switch
                {
                    "TODAY" => today,
                    "THIS-WEEK" => monday,
                    "LAST-TWO-WEEKS" => today.AddDays(-13),
                    _ => today.AddMonths(-1),
                })) return false;
        }
        else
        {
            if (q.Contains("startDate") && date.ToUnixTimeSeconds() < long.Parse(q["startDate"].Single(), CultureInfo.InvariantCulture)) return false;
            if (q.Contains("endDate") && date.ToUnixTimeSeconds() > long.Parse(q["endDate"].Single(), CultureInfo.InvariantCulture)) return false;
        }

        return true;
    }
}

/// <summary>Reads whole listings of the fake, page by page.</summary>
internal static class CallPages
{
    public static async Task<List<JsonElement>> AllAsync(FakeRinkelApi api, string query, string path = "/v1/call-detail-records")
    {
        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var body = await Http.GetJsonAsync(api, $"{path}?{query}{(query.Length > 0 ? "&" : "")}perPage=50&page={page}");
            var data = body.GetProperty("data");
            all.AddRange(data.EnumerateArray());
            if (page >= body.GetProperty("meta").GetProperty("pagination").GetProperty("totalPages").GetInt32()) return all;
        }
    }

    public static string Id(JsonElement record) => record.GetProperty("id").GetString()!;

    public static DateTimeOffset Date(JsonElement record) =>
        DateTimeOffset.Parse(record.GetProperty("date").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
