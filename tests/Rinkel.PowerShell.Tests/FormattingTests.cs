using System.Xml.Linq;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

public sealed class FormattingTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    [Fact]
    public void Default_user_table_renders_the_admin_columns_within_120_columns()
    {
        Connect();
        Session.Host.ClearText();
        Session.Run("Get-RinkelUser -First 12 | Out-Host").ThrowIfFailed();

        var lines = Session.Host.Text.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        Assert.Matches(@"^FullName\s+Email\s+PhoneNumber\s+Availability\s+Role\s+Id\s*$", lines[0]);
        Assert.Matches(@"^-{8}\s+-{5}\s+-{11}\s+-{12}\s+-{4}\s+-{2}\s*$", lines[1]);
        var rows = lines.Skip(2).ToList();
        Assert.Equal(12, rows.Count);
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 120, $"wider than 120: '{l}'"));
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.EndsWith(FakeRinkelApi.UserId(i), rows[i].TrimEnd());          // the whole id, never truncated
            Assert.Matches(@"\+\d{10,12}\s", rows[i]);                          // the phone number as E.164
            Assert.Matches(@"\s(AVAILABLE|UNAVAILABLE)\s", rows[i]);
            Assert.DoesNotContain("Rinkel.", rows[i]);
        }
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
        Assert.Matches(@"BaseUri\s+ConnectedAt\s+KeySource", text);
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
