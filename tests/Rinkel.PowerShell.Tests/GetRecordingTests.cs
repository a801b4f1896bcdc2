using System.Management.Automation;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

public sealed class GetRecordingTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private static IEnumerable<string> Ids(PsResult result) => result.Output.Select(o => (string)o.Properties["Id"].Value);

    [Fact]
    public async Task Listing_reads_every_page_once_with_typed_dates_and_durations()
    {
        Connect();
        var result = Session.Run("Get-RinkelRecording").ThrowIfFailed();

        Assert.Equal(57, result.Output.Count);
        Assert.Equal(Enumerable.Range(0, 57).Select(i => FakeRinkelApi.RecordingId(i)).Order(), Ids(result).Order());
        Assert.All(result.Output, o =>
        {
            Assert.Equal("Rinkel.Recording", o.BaseObject.GetType().FullName);
            Assert.IsType<DateTime>(o.Properties["Date"].Value);
            Assert.IsType<TimeSpan>(o.Properties["Duration"].Value);
        });
        var dates = result.Output.Select(o => (DateTime)o.Properties["Date"].Value).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        var listings = (await Api.GetRequestsAsync()).Where(r => r.Path == "/v1/recordings").ToList();
        Assert.Equal(2, listings.Count);
        Assert.All(listings, r => Assert.DoesNotContain("sort", r.Query));
    }

    [Fact]
    public async Task Sort_and_Descending_are_sent_to_the_API_like_Sort_Object_reads_them()
    {
        Connect();
        var byName = Session.Run("Get-RinkelRecording -Sort Name").ThrowIfFailed();
        var names = byName.Output.Select(o => (string)o.Properties["Name"].Value).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);

        var longest = Session.Run("Get-RinkelRecording -Sort Duration -Descending -First 5").ThrowIfFailed();
        var durations = longest.Output.Select(o => (TimeSpan)o.Properties["Duration"].Value).ToList();
        Assert.Equal(5, durations.Count);
        Assert.Equal(durations.OrderByDescending(d => d), durations);

        var queries = (await Api.GetRequestsAsync()).Where(r => r.Path == "/v1/recordings").Select(r => r.Query).ToList();
        Assert.Contains(queries, q => q.Contains("sort=name") && q.Contains("sortOrder=ASC"));
        Assert.Contains(queries, q => q.Contains("sort=duration") && q.Contains("sortOrder=DESC"));
    }

    [Fact]
    public void Ids_come_from_the_pipeline_by_value_and_from_a_dial_plan_by_property_name()
    {
        Connect();
        var byValue = Session.Run("$args | Get-RinkelRecording", FakeRinkelApi.RecordingId(3), FakeRinkelApi.RecordingId(9)).ThrowIfFailed();
        Assert.Equal([FakeRinkelApi.RecordingId(3), FakeRinkelApi.RecordingId(9)], Ids(byValue));

        var fromPlan = Session.Run("(Get-RinkelNumber -Id $args[0]).DialPlan.Announcement | Get-RinkelRecording", FakeRinkelApi.NumberId(0)).ThrowIfFailed();
        Assert.Equal([FakeRinkelApi.RecordingId(0)], Ids(fromPlan));
    }

    [Fact]
    public void Usage_reads_as_text_and_the_table_shows_no_type_names()
    {
        Connect();
        var usage = Session.Run("(Get-RinkelRecording -Id $args[0]).Usage.ToString()", FakeRinkelApi.RecordingId(1)).ThrowIfFailed();
        Assert.Equal(FakeRinkelApi.NumberId(1) + ": voiceMenu (dtmf 1)", usage.Output.Single().ToString());

        Session.Host.ClearText();
        Session.Run("Get-RinkelRecording -Sort Name -First 3 | Out-Host").ThrowIfFailed();
        var lines = Session.Host.Text.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        Assert.Matches(@"^Name\s+Description\s+Duration\s+Date\s+Id\s*$", lines[0]);
        Assert.Matches(@"^Call recording notice\s+Calls are recorded\s+00:00:\d\d\s+20\d\d-\d\d-\d\d \d\d:\d\d\s+[0-9a-f]{24}\s*$", lines[2]);
        Assert.DoesNotContain("Rinkel.", Session.Host.Text);
    }

    [Fact]
    public void Unknown_id_is_a_non_terminating_ObjectNotFound()
    {
        Connect();
        var result = Session.Run("Get-RinkelRecording -Id 64a6b60be7ce3a7774155263, $args[0]", FakeRinkelApi.RecordingId(2));
        Assert.Null(result.Terminating);
        Assert.Equal([FakeRinkelApi.RecordingId(2)], Ids(result));
        var error = Assert.Single(result.Errors);
        Assert.Equal("RinkelNotFound,Rinkel.Commands.GetRinkelRecordingCommand", error.FullyQualifiedErrorId);
        Assert.Contains("The recording was not found", error.ToString());
    }
}
