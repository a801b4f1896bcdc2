using Rinkel.PowerShell.Tests.Infrastructure;

namespace Rinkel.PowerShell.Tests;

/// <summary>
/// The text of the nested settings, where users meet it: CSV cells (the rule Export-Csv applies, the header being
/// the PSObject.Properties names and each cell property.Value?.ToString(), and the real ConvertTo-Csv), list views
/// and the objects ConvertTo-Json writes as text below its depth.
/// </summary>
public sealed class SettingsTextTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
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
        Assert.Matches("^Language=(en|nl|es|sv); DefaultCountryCode=(NL|BE|ES|SE)", cells["Preferences"]);
        Assert.Matches("^MissedCalls=(off|[a-z,]+); CallOutsideBusinessHours=", cells["Notifications"]);
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

    /// <summary>
    /// The labels inside nested settings' text are exactly the property names users see (Get-Member, Select-Object):
    /// through the real ConvertTo-Csv, for every user of the sandbox.
    /// </summary>
    [Fact]
    public void Csv_text_of_nested_settings_uses_the_property_names_users_see()
    {
        Session.WithUtility();
        Connect();
        var result = Session.Run("""
            $users = Get-RinkelUser
            $rows = $users | ConvertTo-Csv | ConvertFrom-Csv
            foreach ($row in $rows) {
                foreach ($column in 'Preferences', 'Notifications', 'Fixed') {
                    $names = @($users[0].$column.PSObject.Properties.Name) + 'on', 'off'
                    foreach ($part in $row.$column -split '; ') {
                        $label = ($part -split '=')[0]
                        if ($label -notin $names) { "$column has '$label' in '$($row.$column)'" }
                    }
                }
                if ($row.Fixed -like 'off*' -and $row.Fixed -ne 'off') { "Fixed reads '$($row.Fixed)' for a user without fixed phones" }
            }
            """).ThrowIfFailed();
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Fixed_reads_off_alone_when_the_user_has_no_fixed_phones_and_lists_its_fields_when_on()
    {
        Session.WithUtility();
        Connect();
        var result = Session.Run("""
            $users = Get-RinkelUser
            ($users | Where-Object { -not $_.Fixed.Enabled } | Select-Object -First 1).Fixed.ToString()
            ($users | Where-Object { $_.Fixed.Enabled } | Select-Object -First 1).Fixed.ToString()
            """).ThrowIfFailed();
        Assert.Equal("off", result.Output[0].ToString());
        Assert.Matches(@"^on(; Extension=[^;]+)?(; OutboundNumber=[^;]+)?(; TenantId=[^;]+)?(; RingDevice=(mobile|fixed))?$", result.Output[1].ToString());
    }

    /// <summary>
    /// ConvertTo-Json stops at depth 2 and writes deeper objects as their text: that text must name the object's
    /// fields (Enabled=on; PlayWaitingTone=off), never read like a value the API sent ('on, with tone').
    /// </summary>
    [Fact]
    public void ConvertTo_Json_at_the_default_depth_writes_deeper_settings_as_their_labelled_fields()
    {
        Session.WithUtility();
        Connect();
        // One user: its Webphone is an object whose CallWaiting and MusicOnHold are past the depth.
        var one = Session.Run("Get-RinkelUser -First 1 | ForEach-Object { ConvertTo-Json $_ -WarningAction SilentlyContinue }").ThrowIfFailed().Output[0].ToString()!;
        using (var document = System.Text.Json.JsonDocument.Parse(one))
        {
            var webphone = document.RootElement.GetProperty("Preferences").GetProperty("Webphone");
            Assert.Matches("^Enabled=(on|off)(; PlayWaitingTone=(on|off))?$", webphone.GetProperty("CallWaiting").GetString());
            Assert.Matches("^Enabled=(on|off)(; Music=[0-9a-f]+)?$", webphone.GetProperty("MusicOnHold").GetString());
        }

        // Piped users are an array, one level deeper: the whole Webphone and each notification kind are past the depth.
        var many = Session.Run("Get-RinkelUser -First 20 | ConvertTo-Json -WarningAction SilentlyContinue").ThrowIfFailed().Output[0].ToString()!;
        using (var document = System.Text.Json.JsonDocument.Parse(many))
        {
            foreach (var user in document.RootElement.EnumerateArray())
            {
                Assert.Matches(@"^RingTone=ringtone\d; RingDevice=(on|off); CallWaiting=\{Enabled=(on|off)(; PlayWaitingTone=(on|off))?\}; MusicOnHold=\{Enabled=(on|off)(; Music=[0-9a-f]+)?\}$",
                    user.GetProperty("Preferences").GetProperty("Webphone").GetString());
                Assert.Matches("^Enabled=(on|off)(; Channels=[a-z,]+)?$", user.GetProperty("Notifications").GetProperty("MissedCalls").GetString());
            }
        }
    }
}
