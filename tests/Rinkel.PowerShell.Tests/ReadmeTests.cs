using System.Text.RegularExpressions;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

/// <summary>What the README and the help pages tell users must be true, and their runbooks must fail loudly.</summary>
public sealed class ReadmeTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private static string Readme => File.ReadAllText(Path.Combine(ModuleSession.RepoRoot, "README.md"));

    private static IEnumerable<(string File, string Code)> PowerShellBlocks(string file) =>
        Regex.Matches(File.ReadAllText(file), "```powershell\\n(.*?)```", RegexOptions.Singleline).Select(m => (Path.GetFileName(file), m.Groups[1].Value));

    private static IEnumerable<(string File, string Code)> AllExamples() =>
        new[] { Path.Combine(ModuleSession.RepoRoot, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(ModuleSession.RepoRoot, "docs"), "*.md"))
            .SelectMany(PowerShellBlocks);

    /// <summary>The README's runbook block, as written: the one after the 'runbook:' marker.</summary>
    private static string Runbook()
    {
        var match = Regex.Match(Readme, "<!-- runbook:[^>]*-->\\s*```powershell\\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, "README.md has no block marked <!-- runbook: ... -->");
        return match.Groups[1].Value;
    }

    private Pwsh.Run RunRunbook(string key, string folder)
    {
        // Only the connection's address is set ahead of the README's lines, which then run verbatim.
        var script = Path.Combine(folder, "runbook.ps1");
        File.WriteAllText(script,
            $"$PSDefaultParameterValues['Connect-Rinkel:BaseUri'] = '{Api.BaseUri}'\nSet-Location -LiteralPath '{folder}'\n" + Runbook(),
            new System.Text.UTF8Encoding(true));
        var environment = new Dictionary<string, string>
        {
            ["RINKEL_API_KEY"] = key,
            ["PSModulePath"] = Path.GetDirectoryName(ModuleSession.ModuleDirectory)!,
        };
        return Pwsh.Start(ModuleSession.RepoRoot, environment, "-NoProfile", "-NonInteractive", "-File", script);
    }

    [Fact]
    public void The_README_runbook_run_with_pwsh_File_exits_non_zero_on_a_rejected_key_and_zero_with_a_good_one()
    {
        var folder = Directory.CreateTempSubdirectory("rinkel-runbook-").FullName;
        try
        {
            var rejectedKey = "rejected-" + Guid.NewGuid().ToString("N");
            var rejected = RunRunbook(rejectedKey, folder);
            Assert.True(rejected.ExitCode != 0, $"exit code 0 after a rejected key; stderr: {rejected.Error}");
            Assert.Contains("rejected the API key", rejected.Error);
            Assert.DoesNotContain(rejectedKey, rejected.Output + rejected.Error);
            Assert.Empty(Directory.GetFiles(folder, "*.csv"));

            var good = RunRunbook(Api.ApiKey, folder);
            Assert.True(good.ExitCode == 0, $"exit code {good.ExitCode}; stderr: {good.Error}");
            var csv = Assert.Single(Directory.GetFiles(folder, "fixed-phones-*.csv"));
            Assert.True(File.ReadAllLines(csv).Length > 1, "the runbook exported no user");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Every_unattended_example_stops_on_errors()
    {
        var unattended = new Regex(@"Get-AutomationPSCredential|Get-Secret|RINKEL_API_KEY|-Credential|runbook|scheduled", RegexOptions.IgnoreCase);
        var offenders = AllExamples()
            .Where(e => e.Code.Contains("Connect-Rinkel") && unattended.IsMatch(e.Code) && !e.Code.Contains("Read-Host") && !e.Code.Contains("Interactive"))
            .Where(e => !e.Code.Contains("$ErrorActionPreference = 'Stop'") && !e.Code.Contains("-ErrorAction Stop"))
            .Select(e => e.File + ": " + e.Code.Trim().Split('\n')[0])
            .ToList();
        Assert.True(offenders.Count == 0, "unattended examples without $ErrorActionPreference = 'Stop' or -ErrorAction Stop:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Every_Export_Csv_example_writes_utf8()
    {
        var offenders = AllExamples()
            .SelectMany(e => e.Code.Split('\n').Where(l => l.Contains("Export-Csv") && !l.Contains("-Encoding utf8")).Select(l => e.File + ": " + l.Trim()))
            .ToList();
        Assert.True(offenders.Count == 0, "Export-Csv without -Encoding utf8 (Windows PowerShell 5.1 writes ASCII):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Every_FullyQualifiedErrorId_the_module_raises_is_listed_in_the_README()
    {
        var ids = Directory.EnumerateFiles(Path.Combine(ModuleSession.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"""(Rinkel[A-Z]\w+)"",\s*ErrorCategory\.").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        Assert.Contains("RinkelApiKeyMissing", ids);
        Assert.Contains("RinkelNotFound", ids);
        var readme = Readme;
        Assert.All(ids, id => Assert.Contains("`" + id + "`", readme));
        Assert.Contains("`ParameterArgumentTransformationError`", readme);
    }

    [Fact]
    public void Sample_ids_in_the_README_exist_in_the_sandbox()
    {
        var sandbox = Enumerable.Range(0, 137).Select(i => FakeRinkelApi.UserId(i, seed: 1)).ToHashSet();
        var ids = PowerShellBlocks(Path.Combine(ModuleSession.RepoRoot, "README.md"))
            .SelectMany(b => Regex.Matches(b.Code, @"\b[0-9a-f]{24}\b").Select(m => m.Value))
            .ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains(id, sandbox));
    }

    [Fact]
    public void The_README_says_an_updated_binary_module_needs_a_new_session()
    {
        Assert.Matches(@"Import-Module[^\n]*-Force[\s\S]{0,200}(new|old) session|new PowerShell session[\s\S]{0,200}Import-Module[^\n]*-Force", Readme);
    }
}
