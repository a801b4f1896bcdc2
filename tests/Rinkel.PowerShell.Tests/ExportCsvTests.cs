using Rinkel.PowerShell.Tests.Infrastructure;

namespace Rinkel.PowerShell.Tests;

/// <summary>
/// Export-Csv is not in the engine-only host, but its rule is simple and reproduced exactly: the header is the
/// object's PSObject.Properties names and each cell is property.Value?.ToString().
/// </summary>
public sealed class ExportCsvTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private const string ExportRule = """
        param($user)
        foreach ($property in $user.PSObject.Properties) {
            [pscustomobject]@{ Name = $property.Name; Cell = if ($null -eq $property.Value) { '' } else { $property.Value.ToString() } }
        }
        """;

    [Fact]
    public void Every_property_of_a_real_user_exports_as_readable_text()
    {
        Connect();
        var result = Session.Run("$u = Get-RinkelUser -IncludeAvatars -First 1; & ([scriptblock]::Create($args[0])) $u", ExportRule).ThrowIfFailed();
        var cells = result.Output.ToDictionary(o => (string)o.Properties["Name"].Value, o => (string)o.Properties["Cell"].Value);

        Assert.Equal(
            ["Id", "Initials", "FirstName", "LastName", "FullName", "Email", "PhoneNumber", "Availability", "Role", "Locale",
             "DeviceId", "AvatarUrls", "Preferences", "Notifications", "Insights", "Fixed"],
            cells.Keys);
        foreach (var (name, cell) in cells)
        {
            Assert.DoesNotMatch(@"^(Rinkel|System)\.[A-Za-z.]+(\[\])?$", cell);
            Assert.DoesNotContain("System.String[]", cell);
        }
        Assert.Matches(@"^\+\d{10,12}$", cells["PhoneNumber"]);
        Assert.Matches("Language=(en|nl|es|sv); Country=(NL|BE|ES|SE)", cells["Preferences"]);
        Assert.Matches("MissedCalls=(off|[a-z,]+); OutsideBusinessHours=", cells["Notifications"]);
        Assert.Matches("^(on|off)$", cells["Insights"]);
        Assert.Matches("^(on|off)", cells["Fixed"]);
        Assert.StartsWith("http", cells["AvatarUrls"]);
    }

    [Fact]
    public async Task Odd_users_with_missing_parts_still_export_cleanly()
    {
        await Api.ConfigureAsync(new Testing.FakeApiConfig { Odd = true, Users = 40 });
        Connect();
        var result = Session.Run("$rule = [scriptblock]::Create($args[0]); Get-RinkelUser -IncludeAvatars | ForEach-Object { & $rule $_ }", ExportRule).ThrowIfFailed();
        Assert.Equal(40 * 16, result.Output.Count);
        Assert.All(result.Output, o => Assert.DoesNotMatch(@"^(Rinkel|System)\.[A-Za-z.]+(\[\])?$", (string)o.Properties["Cell"].Value));
    }
}
