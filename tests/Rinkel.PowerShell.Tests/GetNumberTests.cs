using System.Management.Automation;
using System.Text.Json;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

public sealed class GetNumberTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private static IEnumerable<string> Ids(PsResult result) => result.Output.Select(o => (string)o.Properties["Id"].Value);

    [Fact]
    public void Listing_returns_typed_numbers_with_dates_and_active_users()
    {
        Connect();
        var result = Session.Run("Get-RinkelNumber").ThrowIfFailed();

        Assert.Equal(Enumerable.Range(0, 6).Select(i => FakeRinkelApi.NumberId(i)), Ids(result));
        Assert.All(result.Output, o => Assert.Equal("Rinkel.Number", o.BaseObject.GetType().FullName));
        var main = result.Output[0];
        Assert.Equal("Main line", main.Properties["Label"].Value);
        Assert.Matches(@"^\+31\d{9}$", (string)main.Properties["PhoneNumber"].Value);
        Assert.Equal("ACTIVE", main.Properties["Status"].Value);
        var activated = Assert.IsType<DateTime>(main.Properties["ActivationDate"].Value);
        Assert.Equal(DateTimeKind.Local, activated.Kind);
        Assert.Equal(new DateTimeOffset(2021, 3, 1, 9, 0, 0, TimeSpan.Zero).Year, activated.ToUniversalTime().Year);
        Assert.True((int)main.Properties["ActiveUserCount"].Value > 0);
        Assert.Null(main.Properties["DialPlan"].Value);

        var old = result.Output.Single(o => (string)o.Properties["Label"].Value == "Old number");
        Assert.Equal("CANCELLED", old.Properties["Status"].Value);
        Assert.IsType<DateTime>(old.Properties["CancelDate"].Value);
        Assert.Equal(0, old.Properties["ActiveUserCount"].Value);
    }

    [Fact]
    public void Active_user_ids_are_users_of_the_tenant_and_pipe_into_Get_RinkelUser()
    {
        Connect();
        var result = Session.Run("(Get-RinkelNumber -First 1).ActiveUserIds | Get-RinkelUser").ThrowIfFailed();
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o => Assert.Equal("Rinkel.User", o.BaseObject.GetType().FullName));
    }

    [Fact]
    public void Users_default_outbound_numbers_flow_in_by_property_name()
    {
        Connect();
        var result = Session.Run("""
            $prefs = @((Get-RinkelUser -First 40).Preferences | Where-Object DefaultOutboundNumber)
            $prefs | Get-RinkelNumber | ForEach-Object Id
            '---'
            $prefs | ForEach-Object DefaultOutboundNumber
            """).ThrowIfFailed();
        var lines = result.Output.Select(o => o.ToString()).ToList();
        var split = lines.IndexOf("---");
        Assert.True(split > 0);
        Assert.Equal(lines[(split + 1)..], lines[..split]);
    }

    [Fact]
    public async Task Call_records_internal_numbers_flow_in_by_property_name()
    {
        Connect();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("x-rinkel-api-key", Api.ApiKey);
        using var page = JsonDocument.Parse(await http.GetStringAsync(Api.BaseUri + "/call-detail-records?perPage=20"));
        var internalNumbers = page.RootElement.GetProperty("data").EnumerateArray()
            .Select(r => r.GetProperty("internalNumber"))
            .Where(n => n.GetProperty("id").ValueKind == JsonValueKind.String)
            .Select(n => new PSObject(new { Id = n.GetProperty("id").GetString(), Number = n.GetProperty("number").GetString() }))
            .ToArray();
        Assert.NotEmpty(internalNumbers);

        var result = Session.Run("$args | Get-RinkelNumber", internalNumbers.Cast<object>().ToArray()).ThrowIfFailed();

        Assert.Equal(internalNumbers.Select(n => (string)n.Properties["Id"].Value), Ids(result));
        Assert.Equal(internalNumbers.Select(n => (string)n.Properties["Number"].Value), result.Output.Select(o => (string)o.Properties["PhoneNumber"].Value));
    }

    [Fact]
    public void The_single_number_has_its_dial_plan_typed_and_nothing_lost()
    {
        Connect();
        var result = Session.Run("Get-RinkelNumber -Id $args[0]", FakeRinkelApi.NumberId(1)).ThrowIfFailed();
        var number = Assert.Single(result.Output);
        Assert.Equal(3, number.Properties["DialPlanVersion"].Value);
        var plan = PSObject.AsPSObject(number.Properties["DialPlan"].Value);

        var announcement = PSObject.AsPSObject(plan.Properties["Announcement"].Value);
        Assert.Matches("^[0-9a-f]{24}$", (string)announcement.Properties["RecordingId"].Value);
        var hours = PSObject.AsPSObject(plan.Properties["BusinessHours"].Value);
        Assert.Equal(true, hours.Properties["Enabled"].Value);
        var days = ((IEnumerable<object>)hours.Properties["Schedule"].Value).Select(d => (string)PSObject.AsPSObject(d).Properties["Day"].Value);
        Assert.Equal(["mon", "tue", "wed", "thu", "fri"], days);
        var recording = PSObject.AsPSObject(plan.Properties["CallRecording"].Value);
        Assert.Equal(true, recording.Properties["Enabled"].Value);

        var others = (System.Collections.IDictionary)plan.Properties["OtherParts"].Value;
        Assert.Equal(["callerId", "forwarding", "greeting", "voiceMenu"], others.Keys.Cast<string>().Order(StringComparer.Ordinal));
        using (var menu = JsonDocument.Parse((string)others["voiceMenu"]!))
            Assert.Equal("1", menu.RootElement.GetProperty("options")[0].GetProperty("dtmf").GetString());
        using (var whole = JsonDocument.Parse((string)plan.Properties["Json"].Value))
            Assert.Equal(6 + 1, whole.RootElement.EnumerateObject().Count());

        var text = plan.BaseObject.ToString()!;
        Assert.Equal("Announcement=off; BusinessHours=on (mon tue wed thu fri); CallRecording=on; Also: callerId, forwarding, greeting, voiceMenu", text);
    }

    [Fact]
    public void Every_property_exports_as_readable_text()
    {
        Connect();
        var result = Session.Run("""
            $n = Get-RinkelNumber -Id $args[0]
            foreach ($p in $n.PSObject.Properties) { [pscustomobject]@{ Name = $p.Name; Cell = if ($null -eq $p.Value) { '' } else { $p.Value.ToString() } } }
            """, FakeRinkelApi.NumberId(0)).ThrowIfFailed();
        var cells = result.Output.ToDictionary(o => (string)o.Properties["Name"].Value, o => (string)o.Properties["Cell"].Value);
        foreach (var (name, cell) in cells)
            Assert.DoesNotMatch(@"(Rinkel|System)\.[A-Za-z.`0-9]+(\[.*\])?", cell);
        Assert.Matches("^[0-9a-f]{24}(, [0-9a-f]{24})*$", cells["ActiveUserIds"]);
        Assert.Contains("Also: ", cells["DialPlan"]);
        Assert.Equal("on", cells["Insights"]);
    }

    [Fact]
    public void Status_filters_on_the_client_case_insensitively_and_paging_counts_matches()
    {
        Connect();
        var cancelled = Session.Run("Get-RinkelNumber -Status cancelled").ThrowIfFailed();
        Assert.Equal([FakeRinkelApi.NumberId(5)], Ids(cancelled));

        var firstTwo = Session.Run("Get-RinkelNumber -Status ACTIVE, SUSPENDED -Skip 1 -First 2").ThrowIfFailed();
        Assert.Equal([FakeRinkelApi.NumberId(1), FakeRinkelApi.NumberId(2)], Ids(firstTwo));

        var unknown = Session.Run("Get-RinkelNumber -Status PORTING_OUT").ThrowIfFailed();
        Assert.Empty(unknown.Output);
    }

    [Fact]
    public void Unknown_id_is_a_non_terminating_ObjectNotFound_and_the_rest_still_run()
    {
        Connect();
        var unknown = "64a6b60be7ce3a7774155263";
        var result = Session.Run("$args | Get-RinkelNumber", FakeRinkelApi.NumberId(2), unknown, FakeRinkelApi.NumberId(3));
        Assert.Null(result.Terminating);
        Assert.Equal([FakeRinkelApi.NumberId(2), FakeRinkelApi.NumberId(3)], Ids(result));
        var error = Assert.Single(result.Errors);
        Assert.Equal("RinkelNotFound,Rinkel.Commands.GetRinkelNumberCommand", error.FullyQualifiedErrorId);
        Assert.Equal(unknown, error.TargetObject);
        Assert.Contains("The number was not found", error.ToString());
    }

    [Fact]
    public void A_url_given_as_id_is_a_parameter_error_naming_the_number()
    {
        Connect();
        var result = Session.Run("Get-RinkelNumber -Id 'https://api.rinkel.com/v1/numbers/x'");
        var error = Assert.Single(result.AllErrors);
        Assert.Contains("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
        Assert.Contains("number id", error.ToString());
    }

    [Fact]
    public void Table_view_shows_number_label_status_active_users_and_activation_date()
    {
        Connect();
        Session.Host.ClearText();
        Session.Run("Get-RinkelNumber | Out-Host").ThrowIfFailed();
        var lines = Session.Host.Text.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        Assert.Matches(@"^PhoneNumber\s+Label\s+Status\s+ActiveUserCount\s+ActivationDate\s+Id\s*$", lines[0]);
        Assert.Equal(6, lines.Count - 2);
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 120, $"wider than 120: '{l}'"));
        Assert.Matches(@"Old number\s+CANCELLED\s+0\s+20\d\d-\d\d-\d\d \d\d:\d\d\s+" + FakeRinkelApi.NumberId(5), Session.Host.Text);
        Assert.DoesNotContain("Rinkel.", Session.Host.Text);
    }

    [Fact]
    public void The_format_file_has_a_list_view_with_the_dial_plan()
    {
        var format = System.Xml.Linq.XDocument.Load(Path.Combine(ModuleSession.ModuleDirectory, "Rinkel.Format.ps1xml"));
        var list = format.Descendants("View").Single(v => (string?)v.Element("Name") == "Rinkel.Number.List");
        var items = list.Descendants("ListItem").Select(i => (string?)i.Element("PropertyName") ?? (string?)i.Element("Label")).ToList();
        Assert.Equal(["Id", "PhoneNumber", "LocalizedNumber", "Label", "Status", "ActivationDate", "CancelDate", "ActiveUserCount",
            "ActiveUserIds", "Insights", "DialPlanVersion", "DialPlan"], items);
    }
}
