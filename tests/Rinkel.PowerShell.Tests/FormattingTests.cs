using System.Xml.Linq;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

public sealed class FormattingTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private static List<string> Lines(string text) => text.Split('\n').Where(l => l.Trim().Length > 0).ToList();

    /// <summary>Renders through Out-Host in a console of <paramref name="width"/> columns; returns the lines and the users shown.</summary>
    private (List<string> Lines, List<(string Id, string Name, string Email, string Phone)> Users) RenderUsers(int width, int count)
    {
        using var console = new ModuleSession(width);
        var users = console.Run("Get-RinkelUser -First $args[0]", count).ThrowIfFailed().Output
            .Select(u => ((string)u.Properties["Id"].Value, (string)u.Properties["FullName"].Value, (string)u.Properties["Email"].Value,
                u.Properties["PhoneNumber"].Value.ToString()!))
            .ToList();
        console.Host.ClearText();
        console.Run("Get-RinkelUser -First $args[0] | Out-Host", count).ThrowIfFailed();
        return (Lines(console.Host.Text), users);
    }

    [Fact]
    public void At_80_columns_the_user_table_keeps_whole_ids_and_numbers_and_cuts_only_the_email()
    {
        Connect();
        var (lines, users) = RenderUsers(80, 40);

        Assert.Matches(@"^FullName\s+PhoneNumber\s+Id\s+Email$", lines[0].TrimEnd());   // no header wraps (no 'Ro' / 'le')
        Assert.Matches(@"^-{8}\s+-{11}\s+-{2}\s+-{5}$", lines[1].TrimEnd());
        var rows = lines.Skip(2).ToList();
        Assert.Equal(users.Count, rows.Count);
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 80, $"wider than 80: '{l}'"));
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Contains(" " + users[i].Phone + " ", rows[i]);
            Assert.Contains(" " + users[i].Id + " ", rows[i]);
            Assert.StartsWith(users[i].Name, rows[i]);
            Assert.DoesNotContain("Rinkel.", rows[i]);
        }
    }

    [Fact]
    public void At_200_columns_the_user_table_shows_every_value_whole()
    {
        Connect();
        var (lines, users) = RenderUsers(200, 40);

        Assert.Matches(@"^FullName\s+PhoneNumber\s+Id\s+Email$", lines[0].TrimEnd());
        var rows = lines.Skip(2).ToList();
        Assert.Equal(users.Count, rows.Count);
        Assert.DoesNotContain("…", string.Join("\n", rows));
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(users[i].Name) + @"\s+" +
                System.Text.RegularExpressions.Regex.Escape(users[i].Phone) + @"\s+" + users[i].Id + @"\s+" +
                System.Text.RegularExpressions.Regex.Escape(users[i].Email) + "$", rows[i].TrimEnd());
        }
    }

    [Fact]
    public void At_80_columns_the_connection_view_shows_its_texts_whole()
    {
        using var console = new ModuleSession(80);
        console.Run("""
            $env:RINKEL_API_KEY = $args[0]
            try { Connect-Rinkel -BaseUri $args[1] -PassThru | Out-Host } finally { $env:RINKEL_API_KEY = $null }
            """, Api.ApiKey, Api.BaseUri).ThrowIfFailed();
        var lines = Lines(console.Host.Text);

        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 80, $"wider than 80: '{l}'"));
        Assert.DoesNotContain("…", console.Host.Text);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^KeySource\s+: the RINKEL_API_KEY environment variable$"));
        Assert.Contains(lines, l => l.StartsWith("BaseUri") && l.TrimEnd().EndsWith(Api.BaseUri + "/"));
    }

    [Fact]
    public void Non_ASCII_names_render_intact()
    {
        Connect();
        Session.Host.ClearText();
        Session.Run("Get-RinkelUser | Out-Host").ThrowIfFailed();
        Assert.Matches("[àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿąćęłńśźżőűØÖÜÆÅ]", Session.Host.Text);
    }

    [Fact]
    public void Connection_renders_its_uri_and_time_and_never_the_key()
    {
        Session.Host.ClearText();
        Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1] -PassThru | Out-Host", FakeApiFixture.Secure(Api.ApiKey), Api.BaseUri).ThrowIfFailed();
        var text = Session.Host.Text;
        Assert.Matches(@"BaseUri\s+: ", text);
        Assert.Matches(@"KeySource\s+: the ApiKey parameter", text);
        Assert.Contains(Api.BaseUri.ToString(), text);
        Assert.DoesNotContain(Api.ApiKey, text);
    }

    /// <summary>
    /// The list view cannot be selected in this engine-only host (Format-List lives in the Utility module), so
    /// every entry of it is evaluated against a real user instead: each must read as text, not a type name.
    /// </summary>
    [Fact]
    public void Every_list_view_entry_reads_as_text_for_a_real_user()
    {
        Connect();
        var format = XDocument.Load(Path.Combine(ModuleSession.ModuleDirectory, "Rinkel.Format.ps1xml"));
        var list = format.Descendants("View").Single(v => (string?)v.Element("Name") == "Rinkel.User.List");
        var entries = list.Descendants("ListItem").Select(i => (string?)i.Element("PropertyName") is { } p ? "$_." + p : (string)i.Element("ScriptBlock")!).ToList();
        Assert.True(entries.Count >= 12);

        var script = "$u = Get-RinkelUser -IncludeAvatars -First 1; $_ = $null\n" +
                     string.Join("\n", entries.Select(e => $"& {{ param($_) $v = {e}; if ($null -eq $v) {{ '' }} else {{ $v.ToString() }} }} $u"));
        var values = Session.Run(script).ThrowIfFailed().Output.Select(o => o.ToString()).ToList();

        Assert.Equal(entries.Count, values.Count);
        Assert.All(values, v => Assert.False(string.IsNullOrWhiteSpace(v), "a list entry rendered empty for a complete user"));
        Assert.All(values, v => Assert.DoesNotMatch(@"^(Rinkel|System)\.[A-Za-z.]+(\[\])?$", v));
    }
}
