using System.Globalization;
using static Rinkel.Client.Tests.Clients;

namespace Rinkel.Client.Tests;

/// <summary>Every call-record and voicemail filter's query text, as the fake's request log sees it on the wire.</summary>
public sealed class CallRecordQueryTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private FakeRinkelApi Api => fixture.Api;

    public Task InitializeAsync() => Api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, Action<CallRecordFilter>, string> Filters()
    {
        var local = new DateTime(2026, 1, 15, 8, 30, 0, DateTimeKind.Local);
        var unspecified = new DateTime(2026, 1, 15, 8, 30, 0, DateTimeKind.Unspecified);
        var utc = new DateTime(2026, 1, 15, 8, 30, 0, DateTimeKind.Utc);
        string Unix(DateTimeOffset d) => d.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new()
        {
            { "text", f => f.Text = "Müller & Co", "filter=M%C3%BCller%20%26%20Co" },
            { "directions", f => { f.Directions.Add("inbound"); f.Directions.Add("Outbound"); f.Directions.Add("INBOUND"); }, "direction=INBOUND&direction=OUTBOUND" },
            { "statuses", f => { f.Statuses.Add("missed"); f.Statuses.Add("voicemail"); }, "status=MISSED&status=VOICEMAIL" },
            { "sentiment", f => f.Sentiments.Add("negative"), "sentiment=NEGATIVE" },
            { "date preset", f => f.DatePresets.Add("last-two-weeks"), "datePreset=LAST-TWO-WEEKS" },
            { "preset wins, no pinned end", f => { f.DatePresets.Add("today"); f.Start = utc; }, "datePreset=TODAY&startDate=" + Unix(new DateTimeOffset(utc)) },
            { "start, local", f => { f.Start = local; f.End = local.AddDays(1); }, $"startDate={Unix(new DateTimeOffset(local))}&endDate={Unix(new DateTimeOffset(local.AddDays(1)))}" },
            { "start, unspecified is local", f => { f.Start = unspecified; f.End = unspecified.AddHours(1); }, $"startDate={Unix(new DateTimeOffset(local))}&endDate={Unix(new DateTimeOffset(local.AddHours(1)))}" },
            { "start, utc", f => { f.Start = utc; f.End = utc.AddSeconds(59.9); }, $"startDate={Unix(new DateTimeOffset(utc))}&endDate={Unix(new DateTimeOffset(utc).AddSeconds(59))}" },
            { "duration preset", f => { f.DurationPresets.Add("1-5"); f.DurationPresets.Add("30-0"); }, "durationPreset=1-5&durationPreset=30-0" },
            { "min and max duration", f => { f.MinDuration = 60; f.MaxDuration = TimeSpan.FromMinutes(5); }, "minDuration=60&maxDuration=300" },
            { "booleans", f => { f.HasContact = true; f.IsAnonymous = false; f.HasInsights = true; f.HasNotes = false; f.ContactLookup = true; }, "hasContact=true&isAnonymous=false&hasInsights=true&hasNotes=false&contactLookup=true" },
            { "sort", f => { f.Sort = "INTERNALNUMBER"; f.Descending = false; }, "sort=internalNumber&sortOrder=ASC" },
            { "sort descending", f => { f.Sort = "duration"; f.Descending = true; }, "sort=duration&sortOrder=DESC" },
            { "users", f => { f.Users.Add(Id(3)); f.Users.Add(Id(5)); f.Users.Add(Id(3)); }, $"user={Id(3)}&user={Id(5)}" },
            { "external number", f => f.ExternalNumber = "+31 6 1234", "externalNumber=%2B31%206%201234" },
        };
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_is_sent_as_the_contract_names_it(string name, Action<CallRecordFilter> set, string expected)
    {
        _ = name;
        var filter = new CallRecordFilter { First = 1 };
        set(filter);
        using var client = Create(Api);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using (var listing = client.ListCallRecords(filter, null))
        {
            await listing.ReadNextPageAsync(CancellationToken.None);
        }

        var request = Assert.Single(await Api.GetRequestsAsync());
        Assert.Equal(200, request.Status);
        var query = request.RawTarget[(request.RawTarget.IndexOf('?') + 1)..];
        Assert.StartsWith("page=1&perPage=50&", query);
        var filters = query["page=1&perPage=50&".Length..];
        if (filter.End is null && filter.DatePresets.Count == 0)
        {
            // No end and no preset: the end is pinned to the second before the listing started.
            var match = System.Text.RegularExpressions.Regex.Match(filters, "(^|&)endDate=([0-9]+)");
            Assert.True(match.Success, filters);
            Assert.InRange(long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), before - 2, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            filters = filters.Remove(match.Index, match.Length).TrimStart('&');
        }

        Assert.Equal(expected, filters);
    }

    [Fact]
    public async Task The_filters_select_what_the_api_would()
    {
        using var client = Create(Api);
        var filter = new CallRecordFilter { Statuses = { "missed" }, Directions = { "inbound" } };
        var records = await AllAsync(client.ListCallRecords(filter, null));
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal(("inbound", "MISSED"), (r.Direction, r.Status)));
        Assert.All(records, r => Assert.NotNull(r.MissedReason));
    }

    [Fact]
    public async Task Records_are_typed_with_local_dates_and_durations()
    {
        using var client = Create(Api);
        var records = await AllAsync(client.ListCallRecords(new CallRecordFilter(), null));
        Assert.Equal(1000, records.Count);
        Assert.Equal(1000, records.Select(r => r.Id).Distinct().Count());
        Assert.All(records, r => Assert.Equal(DateTimeKind.Local, r.Date!.Value.Kind));
        Assert.True(records[0].Date <= DateTime.Now);
        var answered = records.First(r => r.Status == "ANSWERED" && r.CallRecording != null && r.Insights != null && r.Contact != null);
        Assert.True(answered.Duration!.Value.TotalSeconds > 0);
        Assert.Equal(answered.Date!.Value.AddDays(90), answered.CallRecording!.AvailableUntil);
        Assert.Contains(answered.CallRecording.Id!, answered.CallRecording.PlayUrl);
        Assert.NotEmpty(answered.Insights!.Topics!);
        Assert.Equal(answered.ExternalNumber!.E164, answered.Contact!.Numbers![0].E164);
        Assert.Equal(answered.ExternalNumber.E164, answered.ExternalNumber.ToString());
        var voicemail = records.First(r => r.Voicemail != null);
        Assert.Equal("VOICEMAIL", voicemail.Status);
        Assert.True(voicemail.Voicemail!.Duration!.Value.TotalSeconds > 0);
        Assert.Contains(records, r => r.ExternalNumber!.Anonymous == true && r.ExternalNumber.ToString() == "anonymous");
        Assert.Contains(records, r => r.Notes is { Count: > 0 } notes && notes.ToString() == string.Join("\n", notes.Select(n => n.Content)));
        Assert.Contains(records, r => r.User?.Role == "answeringService" || r.User?.Role == "admin");
    }

    [Fact]
    public async Task Many_users_are_split_into_batches_that_each_fit_and_keep_the_filters()
    {
        var filter = new CallRecordFilter { Statuses = { "ANSWERED" } };
        foreach (var id in Ids(0, 137)) filter.Users.Add(id);
        var batches = CallQueryBuilder.ForCallRecords(filter);
        Assert.True(batches.Count >= 3, $"{batches.Count} batches");
        Assert.All(batches, b => Assert.InRange(b.Length, 1, CallQueryBuilder.MaxQueryLength));
        Assert.All(batches, b => Assert.StartsWith("status=ANSWERED&user=", b));
        Assert.Equal(Ids(0, 137), batches.SelectMany(b => b.Split('&').Where(p => p.StartsWith("user=", StringComparison.Ordinal)).Select(p => p[5..])));
        Assert.Equal(batches.Count, CallHistoryListings.CountCallRecordBatches(filter));

        // Every batch is a valid request, and together they hold exactly the records of those users.
        using var client = Create(Api);
        var pinned = CallHistoryListings.Now();
        var all = new List<CallRecord>();
        for (var b = 0; b < batches.Count; b++)
        {
            all.AddRange(await AllAsync(client.ListCallRecordBatch(filter, b, 0, null, pinned, null)));
        }

        var expected = (await AllAsync(client.ListCallRecords(new CallRecordFilter { Statuses = { "ANSWERED" } }, null))).Where(r => r.User != null).Select(r => r.Id).Order();
        Assert.Equal(expected, all.Select(r => r.Id).Order());
    }

    [Fact]
    public void Impossible_ranges_are_refused_before_any_request()
    {
        var start = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Local);
        Assert.Contains("after the end", Assert.Throws<ArgumentException>(() => CallQueryBuilder.ForCallRecords(new CallRecordFilter { Start = start, End = start.AddSeconds(-1) })).Message);
        Assert.Contains("longer than the maximum", Assert.Throws<ArgumentException>(() => CallQueryBuilder.ForCallRecords(new CallRecordFilter { MinDuration = 61, MaxDuration = 60 })).Message);
    }

    [Fact]
    public async Task Voicemail_filters_and_new_alone()
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal("new=true", CallQueryBuilder.ForVoicemails(new VoicemailFilter { New = true }));
        Assert.Equal("new=false", CallQueryBuilder.ForVoicemails(new VoicemailFilter { New = false }));
        Assert.Equal(
            $"internalNumber=abc&externalNumber=0612&datePreset=THIS-WEEK&startDate={new DateTimeOffset(start).ToUnixTimeSeconds()}&hasNotes=true&isAnonymous=false&contactLookup=false&sortOrder=ASC",
            CallQueryBuilder.ForVoicemails(new VoicemailFilter
            {
                InternalNumbers = { "abc" }, ExternalNumber = "0612", DatePresets = { "this-week" }, Start = start, HasNotes = true, IsAnonymous = false,
                ContactLookup = false, Descending = false,
            }));
        var refused = Assert.Throws<ArgumentException>(() => CallQueryBuilder.ForVoicemails(new VoicemailFilter { New = true, Start = start, IsAnonymous = true }));
        Assert.Contains("Start, IsAnonymous", refused.Message);

        using var client = Create(Api);
        var unplayed = await AllAsync(client.ListVoicemails(new VoicemailFilter { New = true }, null));
        Assert.NotEmpty(unplayed);
        Assert.All(unplayed, v => Assert.True(v.Voicemail!.New));
        Assert.Equal(unplayed.Count, await client.GetNewVoicemailCountAsync(null, CancellationToken.None));
        var log = await Api.GetRequestsAsync();
        Assert.Contains(log, r => r.RawTarget == "/v1/voicemails?page=1&perPage=50&new=true");
        Assert.Contains(log, r => r.RawTarget == "/v1/voicemails/new-count");
    }

    [Fact]
    public async Task Every_record_exactly_once_while_calls_keep_arriving()
    {
        await Api.ConfigureAsync(new FakeApiConfig { InsertCallsPerListing = 3 });
        using var client = Create(Api);
        var before = await Api.InsertCallsAsync(1);
        // The listing ends at the second before it starts: a record exists only seconds after its call, so that
        // second holds no record yet in real life; here the call is dated the moment it is inserted.
        await Task.Delay(1100);
        var observer = new RecordingObserver();
        var records = await AllAsync(client.ListCallRecords(new CallRecordFilter(), observer));

        // 20 pages, each answered after 3 more calls ended: none of them enters the pinned listing, none shifts it.
        Assert.Equal(1001, records.Count);
        Assert.Equal(1001, records.Select(r => r.Id).Distinct().Count());
        Assert.Equal(before[0].Id, records[0].Id);
        Assert.Empty(observer.Warnings);
        Assert.True((await Api.GetRequestsAsync()).Count(r => r.Path == "/v1/call-detail-records") >= 21);
    }

    [Fact]
    public async Task With_a_date_preset_the_end_cannot_be_pinned_yet_no_record_is_lost_or_repeated()
    {
        using var client = Create(Api);
        var filter = new CallRecordFilter { DatePresets = { "LAST-MONTH" } };
        var existing = (await AllAsync(client.ListCallRecords(filter, null))).Select(r => r.Id!).ToList();
        Assert.True(existing.Count > 200, $"{existing.Count} records in the last month");

        await Api.ConfigureAsync(new FakeApiConfig { InsertCallsPerListing = 3 });
        var observer = new RecordingObserver();
        var ids = (await AllAsync(client.ListCallRecords(filter, observer))).Select(r => r.Id!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Empty(existing.Except(ids));
        // Calls that ended meanwhile were dropped as repeats, and the listing says the list changed while it ran.
        Assert.Contains(observer.Warnings, w => w.Contains("appeared on two pages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_id_not_found_yet_is_retried_until_its_record_appears()
    {
        using var client = Create(Api);
        var call = (await Api.InsertCallsAsync(1, visibleAfterMs: 1200)).Single();
        var observer = new RecordingObserver();
        var waits = Enumerable.Repeat(TimeSpan.FromMilliseconds(400), 6).ToArray();
        var record = await client.GetCallRecordByCallIdAsync(call.CallId, includeDetails: true, observer, CancellationToken.None, waits);
        Assert.Equal(call.Id, record.Id);
        Assert.NotNull(record.Notes);
        Assert.InRange(observer.Retries.Count, 1, 5);
        Assert.All(observer.Retries, r => Assert.Contains("not found yet", r.Reason));

        var missing = await Assert.ThrowsAsync<RinkelApiException>(() =>
            client.GetCallRecordByCallIdAsync("0123456789abcdef0123456789abcdef", false, null, CancellationToken.None, [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10)]));
        Assert.Equal(RinkelErrorKind.NotFound, missing.Kind);
        Assert.Equal(3, (await Api.GetRequestsAsync()).Count(r => r.Path.EndsWith("/0123456789abcdef0123456789abcdef", StringComparison.Ordinal)));

        var byId = await client.GetCallRecordAsync(record.Id!, null, CancellationToken.None);
        Assert.Equal(call.CallId, byId.CallId);
    }

    private static async Task<List<CallRecord>> AllAsync(Listing<CallRecord> listing)
    {
        using (listing)
        {
            var all = new List<CallRecord>();
            while (await listing.ReadNextPageAsync(CancellationToken.None) is { } page)
            {
                all.AddRange(page);
            }

            return all;
        }
    }
}
