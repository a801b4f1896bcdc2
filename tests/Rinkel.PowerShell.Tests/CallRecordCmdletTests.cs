using System.Globalization;
using System.Management.Automation;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

/// <summary>Get-RinkelCallRecord and Get-RinkelVoicemail through the real engine against the fake API.</summary>
public sealed class CallRecordCmdletTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private async Task<List<FakeRequest>> CallRequestsAsync() =>
        (await Api.GetRequestsAsync()).Where(r => r.Path.StartsWith("/v1/call-detail-records", StringComparison.Ordinal) || r.Path.StartsWith("/v1/voicemails", StringComparison.Ordinal)).ToList();

    private static string Filters(FakeRequest request) => System.Text.RegularExpressions.Regex.Replace(request.Query, @"^\?page=\d+&perPage=50&?", "");

    [Fact]
    public async Task Filters_are_sent_as_the_api_wants_and_the_records_are_typed()
    {
        Connect();
        await Api.ClearRequestsAsync();
        var start = DateTime.Now.Date.AddDays(-7);
        var result = Session.Run("Get-RinkelCallRecord -Status missed -Direction Inbound -Start $args[0] -HasNotes:$false", start).ThrowIfFailed();

        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o =>
        {
            Assert.Equal("Rinkel.CallRecord", o.TypeNames[0]);
            Assert.Equal("MISSED", o.Properties["Status"].Value);
            Assert.Equal("inbound", o.Properties["Direction"].Value);
            Assert.True((DateTime)o.Properties["Date"].Value >= start);
        });
        var unix = new DateTimeOffset(start).ToUnixTimeSeconds();
        Assert.All(await CallRequestsAsync(), r => Assert.Matches($"^direction=INBOUND&status=MISSED&startDate={unix}&endDate=\\d+&hasNotes=false$", Filters(r)));
    }

    [Fact]
    public async Task Users_from_the_pipeline_become_one_listing_with_repeated_user_values()
    {
        Connect();
        Session.WithUtility();
        await Api.ClearRequestsAsync();
        var result = Session.Run("Get-RinkelUser -First 3 | Get-RinkelCallRecord | ForEach-Object { $_.User.Id }").ThrowIfFailed();
        var ids = Enumerable.Range(0, 3).Select(i => FakeRinkelApi.UserId(i)).ToList();
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o => Assert.Contains(o.ToString(), ids));
        var requests = await CallRequestsAsync();
        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.Contains($"user={ids[0]}&user={ids[1]}&user={ids[2]}", r.Query));
        Assert.Equal(1, requests.Count(r => r.Query.Contains("page=1&", StringComparison.Ordinal)));

        // Ids work as well as objects, and nobody in the pipeline means no calls, not everybody's.
        var byId = Session.Run("Get-RinkelCallRecord -User $args[0] | ForEach-Object { $_.User.Id } | Select-Object -Unique", ids[1]).ThrowIfFailed();
        Assert.Equal([ids[1]], byId.Output.Select(o => o.ToString()));
        await Api.ClearRequestsAsync();
        Assert.Empty(Session.Run("Get-RinkelUser -First 3 | Where-Object Role -eq 'NOBODY' | Get-RinkelCallRecord").ThrowIfFailed().Output);
        Assert.Empty(await CallRequestsAsync());
    }

    [Fact]
    public void Many_piped_users_are_listed_in_batches_each_record_once()
    {
        Connect();
        Session.WithUtility();
        var result = Session.Run("""
            $records = @(Get-RinkelUser | Get-RinkelCallRecord -Status Answered -Verbose)
            $all = @(Get-RinkelCallRecord -Status Answered | Where-Object { $_.User })
            [pscustomobject]@{ Piped = $records.Count; Unique = @($records.Id | Sort-Object -Unique).Count; Expected = $all.Count }
            """).ThrowIfFailed();
        var o = result.Output.Single();
        Assert.Equal(o.Properties["Expected"].Value, o.Properties["Piped"].Value);
        Assert.Equal(o.Properties["Expected"].Value, o.Properties["Unique"].Value);
        Assert.Contains(result.Verbose, v => v.Contains("batch by batch", StringComparison.Ordinal));
    }

    [Fact]
    public void Enum_casing_as_sent_compares_case_insensitively_and_dates_compare_with_Get_Date()
    {
        Connect();
        Session.WithUtility();
        var result = Session.Run("""
            $all = Get-RinkelCallRecord
            [pscustomobject]@{
                Inbound = @($all | Where-Object Direction -eq INBOUND).Count
                InboundExact = @($all | Where-Object { $_.Direction -ceq 'inbound' }).Count
                LastDay = @($all | Where-Object Date -gt (Get-Date).AddDays(-1)).Count
                LastDayUtc = @($all | Where-Object { $_.Date.ToUniversalTime() -gt [datetime]::UtcNow.AddDays(-1) }).Count
                Admins = @($all | Where-Object { $_.User.Role -eq 'ADMIN' }).Count
            }
            """).ThrowIfFailed();
        var o = result.Output.Single();
        Assert.True((int)o.Properties["Inbound"].Value > 0);
        Assert.Equal(o.Properties["InboundExact"].Value, o.Properties["Inbound"].Value);
        Assert.Equal(o.Properties["LastDayUtc"].Value, o.Properties["LastDay"].Value);
        Assert.True((int)o.Properties["Admins"].Value > 0);
    }

    [Fact]
    public void Duration_compares_sorts_and_sums_like_seconds()
    {
        Connect();
        Session.WithUtility();
        var result = Session.Run("""
            $all = Get-RinkelCallRecord
            $seconds = $all | ForEach-Object { $_.Duration.TotalSeconds }
            [pscustomobject]@{
                Over60 = @($all | Where-Object Duration -gt 60).Count
                Over60Expected = @($seconds | Where-Object { $_ -gt 60 }).Count
                AtLeast5Min = @($all | Where-Object Duration -ge '5:00').Count
                AtLeast5MinTimeSpan = @($all | Where-Object Duration -ge (New-TimeSpan -Minutes 5)).Count
                AtLeast5MinExpected = @($seconds | Where-Object { $_ -ge 300 }).Count
                Longest = ($all | Sort-Object Duration -Descending | Select-Object -First 1).Duration.TotalSeconds
                LongestExpected = ($seconds | Measure-Object -Maximum).Maximum
                Sum = ($all | Measure-Object -Property Duration -Sum).Sum
                SumExpected = ($seconds | Measure-Object -Sum).Sum
                Text = ($all | Where-Object Duration -eq 125 | Select-Object -First 1).Duration.Text
            }
            """).ThrowIfFailed();
        var o = result.Output.Single();
        Assert.True((int)o.Properties["Over60"].Value > 0);
        Assert.Equal(o.Properties["Over60Expected"].Value, o.Properties["Over60"].Value);
        Assert.Equal(o.Properties["AtLeast5MinExpected"].Value, o.Properties["AtLeast5Min"].Value);
        Assert.Equal(o.Properties["AtLeast5MinExpected"].Value, o.Properties["AtLeast5MinTimeSpan"].Value);
        Assert.Equal(Convert.ToDouble(o.Properties["LongestExpected"].Value, CultureInfo.InvariantCulture), Convert.ToDouble(o.Properties["Longest"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(Convert.ToDouble(o.Properties["SumExpected"].Value, CultureInfo.InvariantCulture), Convert.ToDouble(o.Properties["Sum"].Value, CultureInfo.InvariantCulture));
        Assert.True(o.Properties["Text"].Value is null or "02:05");
    }

    [Fact]
    public async Task Records_by_id_and_call_id_from_the_pipeline_in_order()
    {
        Connect();
        var first = Session.Run("Get-RinkelCallRecord -First 3").ThrowIfFailed().Output;
        var ids = first.Select(o => (string)o.Properties["Id"].Value).ToList();
        await Api.ClearRequestsAsync();

        var again = Session.Run("$args | Get-RinkelCallRecord | ForEach-Object Id", first.Cast<object?>().ToArray()).ThrowIfFailed();
        Assert.Equal(ids, again.Output.Select(o => o.ToString()));
        Assert.Equal(ids.Select(id => "/v1/call-detail-records/" + id).Order(), (await CallRequestsAsync()).Select(r => r.Path).Order());

        var strings = Session.Run("$args | Get-RinkelCallRecord | ForEach-Object Id", ids[2], ids[0]).ThrowIfFailed();
        Assert.Equal([ids[2], ids[0]], strings.Output.Select(o => o.ToString()));

        var callIds = first.Select(o => (string)o.Properties["CallId"].Value).ToList();
        var rows = Session.Run("$args | ForEach-Object { [pscustomobject]@{ CallId = $_ } } | Get-RinkelCallRecord | ForEach-Object Id", callIds[0], callIds[1]).ThrowIfFailed();
        Assert.Equal(ids.Take(2), rows.Output.Select(o => o.ToString()));

        var missing = Session.Run("Get-RinkelCallRecord -Id '000000000000000000000000', $args[0] | ForEach-Object Id", ids[0]);
        var error = Assert.Single(missing.Errors);
        Assert.Equal("RinkelNotFound,Rinkel.Commands.GetRinkelCallRecordCommand", error.FullyQualifiedErrorId);
        Assert.Equal("000000000000000000000000", error.TargetObject);
        Assert.Equal([ids[0]], missing.Output.Select(o => o.ToString()));
    }

    [Fact]
    public async Task A_call_id_that_is_not_there_yet_is_waited_for()
    {
        Connect();
        var call = (await Api.InsertCallsAsync(1, visibleAfterMs: 1500)).Single();
        var result = Session.Run("Get-RinkelCallRecord -CallId $args[0] -IncludeDetails -Verbose", call.CallId).ThrowIfFailed();
        Assert.Equal(call.Id, Assert.Single(result.Output).Properties["Id"].Value);
        Assert.Contains(result.Verbose, v => v.Contains("not found yet", StringComparison.Ordinal));
        Assert.Contains("includeDetails=true", (await CallRequestsAsync()).Last().Query);
    }

    [Fact]
    public async Task Every_record_exactly_once_while_calls_keep_arriving()
    {
        await Api.ConfigureAsync(new FakeApiConfig { InsertCallsPerListing = 5 });
        Connect();
        await Task.Delay(1100);
        var pinned = Session.Run("Get-RinkelCallRecord | ForEach-Object Id").ThrowIfFailed();
        Assert.Equal(1000, pinned.Output.Count);
        Assert.Equal(1000, pinned.Output.Select(o => o.ToString()).Distinct().Count());
        Assert.Empty(pinned.Warnings);

        // A preset makes the API ignore any end: calls arrive inside the listing, and still none is lost or repeated.
        await Api.ConfigureAsync(new FakeApiConfig { InsertCallsPerListing = 0 });
        var before = Session.Run("Get-RinkelCallRecord -DatePreset Last-Month | ForEach-Object Id").ThrowIfFailed().Output.Select(o => o.ToString()).ToList();
        await Api.ConfigureAsync(new FakeApiConfig { InsertCallsPerListing = 5 });
        var during = Session.Run("Get-RinkelCallRecord -DatePreset Last-Month | ForEach-Object Id").ThrowIfFailed();
        var ids = during.Output.Select(o => o.ToString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Empty(before.Except(ids));
        Assert.NotEmpty(during.Warnings);
    }

    [Theory]
    [InlineData("Get-RinkelCallRecord -Direction Sideways", "ParameterArgumentValidationError,Rinkel.Commands.GetRinkelCallRecordCommand", ErrorCategory.InvalidData)]
    [InlineData("Get-RinkelCallRecord -DatePreset Yesterday", "ParameterArgumentValidationError,Rinkel.Commands.GetRinkelCallRecordCommand", ErrorCategory.InvalidData)]
    [InlineData("Get-RinkelCallRecord -MinDuration -5", "CannotConvertArgumentNoMessage,Rinkel.Commands.GetRinkelCallRecordCommand", ErrorCategory.InvalidArgument)]
    [InlineData("Get-RinkelCallRecord -MinDuration 'soon'", "CannotConvertArgumentNoMessage,Rinkel.Commands.GetRinkelCallRecordCommand", ErrorCategory.InvalidArgument)]
    [InlineData("Get-RinkelCallRecord -Start (Get-Date) -End (Get-Date).AddDays(-1)", "RinkelInvalidCallRecordFilter,Rinkel.Commands.GetRinkelCallRecordCommand", ErrorCategory.InvalidArgument)]
    [InlineData("Get-RinkelCallRecord -MinDuration 600 -MaxDuration '5:00'", "RinkelInvalidCallRecordFilter,Rinkel.Commands.GetRinkelCallRecordCommand", ErrorCategory.InvalidArgument)]
    [InlineData("Get-RinkelCallRecord -Id 'a/b'", "ParameterArgumentValidationError,Rinkel.Commands.GetRinkelCallRecordCommand", ErrorCategory.InvalidData)]
    [InlineData("Get-RinkelCallRecord -Id abc -CallId def", "RinkelCallRecordIdAndCallId,Rinkel.Commands.GetRinkelCallRecordCommand", ErrorCategory.InvalidArgument)]
    [InlineData("Get-RinkelVoicemail -New -Start (Get-Date).AddDays(-1) -IsAnonymous", "RinkelVoicemailNewWithFilters,Rinkel.Commands.GetRinkelVoicemailCommand", ErrorCategory.InvalidArgument)]
    public async Task Bad_input_is_a_clear_error_before_any_request(string script, string errorId, ErrorCategory category)
    {
        Connect();
        Session.WithUtility();
        await Api.ClearRequestsAsync();
        var result = Session.Run(script);
        var error = Assert.Single(result.AllErrors);
        Assert.Equal(errorId, error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.Empty(await CallRequestsAsync());
        if (errorId.StartsWith("RinkelVoicemailNew", StringComparison.Ordinal))
            Assert.Contains("Start, IsAnonymous", error.Exception.Message);
    }

    [Fact]
    public async Task Voicemails_their_unplayed_count_and_new_alone()
    {
        Connect();
        var all = Session.Run("Get-RinkelVoicemail").ThrowIfFailed().Output;
        Assert.NotEmpty(all);
        Assert.All(all, o => Assert.Equal("VOICEMAIL", o.Properties["Status"].Value));
        var unplayed = Session.Run("Get-RinkelVoicemail -New | ForEach-Object Id").ThrowIfFailed().Output;
        var expected = all.Where(o => ((dynamic)o.Properties["Voicemail"].Value).New == true).Count();
        Assert.Equal(expected, unplayed.Count);
        Assert.Equal((long)expected, Session.Run("Get-RinkelVoicemail -Count").ThrowIfFailed().Output.Single().BaseObject);
        var requests = await CallRequestsAsync();
        Assert.Contains(requests, r => r.RawTarget == "/v1/voicemails?page=1&perPage=50&new=true");
        Assert.Contains(requests, r => r.RawTarget == "/v1/voicemails/new-count");
    }

    [Fact]
    public void The_table_is_what_an_admin_scans()
    {
        Connect();
        Session.WithUtility();
        Session.Host.ClearText();
        Session.Run("Get-RinkelCallRecord -First 15 | Out-Host").ThrowIfFailed();
        var lines = Session.Host.Text.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        Assert.Matches(@"^Date\s+Direction\s+Status\s+ExternalNumber\s+InternalNumber\s+Duration\s+User\s*$", lines[0]);
        var rows = lines.Skip(2).ToList();
        Assert.Equal(15, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d\s+(inbound|outbound)\s+[A-Z_]+\s+(\+\d+|anonymous)\s+\S.*\s\d\d+:\d\d(\s|$)", r);
            Assert.DoesNotContain("Rinkel.", r);
            Assert.True(r.TrimEnd().Length <= 120, r);
        });

        Session.Host.ClearText();
        Session.Run("Get-RinkelCallRecord -Status Answered -HasInsights -First 1 | Format-List | Out-Host").ThrowIfFailed();
        var list = Session.Host.Text;
        foreach (var label in new[] { "Id", "CallId", "Date", "Direction", "Status", "ExternalNumber", "Contact", "InternalNumber", "User", "Duration", "Voicemail", "CallRecording", "Notes", "Insights" })
            Assert.Matches($@"(?m)^{label}\s+:", list);
        Assert.DoesNotContain("Rinkel.", list);
        Assert.Matches(@"(?m)^Duration\s+: \d\d+:\d\d\s*$", list);
    }

    [Fact]
    public void Csv_cells_read_as_text_with_E164_numbers_and_seconds()
    {
        Connect();
        Session.WithUtility();
        var result = Session.Run("Get-RinkelCallRecord -First 200 | ConvertTo-Csv -NoTypeInformation").ThrowIfFailed();
        var lines = result.Output.Select(o => o.ToString()!).ToList();
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToList();
        Assert.Equal(
            ["Id", "CallId", "Date", "Direction", "Status", "MissedReason", "ExternalNumber", "InternalNumber", "Duration", "User", "MenuOption",
             "Contact", "Voicemail", "CallRecording", "Notes", "Insights"],
            header);
        var rows = Session.Run("Get-RinkelCallRecord -First 200 | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv").ThrowIfFailed().Output;
        Assert.Equal(200, rows.Count);
        foreach (var row in rows)
        {
            string Cell(string name) => (string)row.Properties[name].Value;
            Assert.Matches(@"^(\+\d{10,13}|anonymous)$", Cell("ExternalNumber"));
            Assert.Matches(@"^\+\d{11}$", Cell("InternalNumber"));
            Assert.Matches(@"^\d+$", Cell("Duration"));
            foreach (var p in row.Properties) Assert.DoesNotMatch(@"^(Rinkel|System)\.[A-Za-z.`\[\]0-9]+$", (string)p.Value);
        }
        Assert.Contains(rows, r => ((string)r.Properties["CallRecording"].Value).StartsWith("http", StringComparison.Ordinal));
        Assert.Contains(rows, r => ((string)r.Properties["Voicemail"].Value).StartsWith("new", StringComparison.Ordinal) || ((string)r.Properties["Voicemail"].Value).StartsWith("played", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Get-RinkelCallRecord -Direction ", "Inbound,Outbound")]
    [InlineData("Get-RinkelCallRecord -DatePreset Last", "Last-Month,Last-Two-Weeks")]
    [InlineData("Get-RinkelCallRecord -Sort Ex", "ExternalNumber")]
    [InlineData("Get-RinkelVoicemail -DatePreset T", "This-Week,Today")]
    public void Enum_like_parameters_complete(string line, string expected)
    {
        var result = Session.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches | ForEach-Object CompletionText", line).ThrowIfFailed();
        Assert.Equal(expected.Split(','), result.Output.Select(o => o.ToString()).Order(StringComparer.Ordinal));
    }
}
