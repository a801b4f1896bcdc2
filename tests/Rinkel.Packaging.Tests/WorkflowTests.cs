using System.Text.RegularExpressions;
using Rinkel.Packaging.Tests.Infrastructure;

namespace Rinkel.Packaging.Tests;

/// <summary>
/// The GitHub workflows cannot run here, so what they depend on is checked as text: every script and path they
/// name exists in the repo, every build.ps1 task they call exists and is documented, and the matrix and triggers
/// are the ones the release process relies on.
/// </summary>
public sealed class WorkflowTests
{
    private static readonly string[] Workflows = [".github/workflows/ci.yml", ".github/workflows/release.yml"];

    private static readonly string[] FileExtensions = [".ps1", ".psd1", ".psm1", ".sln", ".csproj", ".props", ".targets", ".yml", ".json", ".nupkg"];

    private static string Read(string relative) => File.ReadAllText(Path.Combine(Repo.Root, relative));

    /// <summary>Repo-relative paths a text names: tokens with a '/' or a file extension, minus URLs, actions and variables.</summary>
    private static IEnumerable<string> PathsIn(string text)
    {
        foreach (var rawLine in text.Split('\n'))
        {
            var line = Regex.Replace(rawLine, @"(^|\s)#.*$", ""); // YAML and PowerShell comments
            foreach (var raw in Regex.Split(line, @"[\s'"",()\[\]{}=|;]+"))
            {
                var token = raw.Trim().TrimEnd(':');
                if (token.Length == 0 || token.Contains("://") || token.Contains('@') || token.Contains('$') || token.StartsWith('-')) continue;
                var looksLikePath = token.Contains('/') || FileExtensions.Any(e => token.EndsWith(e, StringComparison.OrdinalIgnoreCase));
                if (looksLikePath) yield return token;
            }
        }
    }

    private static bool Exists(string path)
    {
        var relative = path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
        var full = Path.Combine(Repo.Root, relative);
        if (!relative.Contains('*')) return File.Exists(full) || Directory.Exists(full);
        var directory = Path.GetDirectoryName(full)!;
        return Directory.Exists(directory) && Directory.GetFiles(directory, Path.GetFileName(full)).Length > 0;
    }

    [Fact]
    public void Every_script_and_path_the_workflows_name_exists()
    {
        var checkedPaths = new List<string>();
        foreach (var workflow in Workflows)
        {
            foreach (var path in PathsIn(Read(workflow)).Distinct())
            {
                // out/ is what the build makes (out/Rinkel, out/Rinkel.<version>.nupkg), not part of the repo; the
                // module folder is laid out before these tests run, so its files are checked too.
                if (path.StartsWith("out/", StringComparison.Ordinal) && !path.StartsWith("out/Rinkel/", StringComparison.Ordinal)) continue;
                if (path.StartsWith("out/Rinkel/", StringComparison.Ordinal))
                {
                    Assert.True(File.Exists(Path.Combine(Repo.ModuleDirectory, path["out/Rinkel/".Length..])), $"{workflow}: {path} is not in the built module folder.");
                    continue;
                }
                Assert.True(Exists(path), $"{workflow} names {path}, which is not in the repo.");
                checkedPaths.Add(path);
            }
        }
        Assert.Contains("./build.ps1", checkedPaths);
        Assert.Contains("tests/Pester", checkedPaths);
        Assert.Contains("tests/Rinkel.FakeApi", checkedPaths);
        Assert.Contains("src/Rinkel.PowerShell/Rinkel.PowerShell.csproj", checkedPaths);
    }

    [Fact]
    public void Every_path_build_ps1_joins_to_the_repo_root_exists()
    {
        var script = Read("build.ps1");
        var joined = Regex.Matches(script, @"Join-Path \$PSScriptRoot '([^']+)'").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("Rinkel.PowerShell.sln", joined);
        foreach (var path in joined.Where(p => p != "out" && !p.StartsWith("out/", StringComparison.Ordinal)))
        {
            Assert.True(Exists(path), $"build.ps1 joins {path}, which is not in the repo.");
        }
    }

    [Fact]
    public void Workflows_call_only_build_tasks_that_build_ps1_has_and_documents()
    {
        var script = Read("build.ps1");
        var validateSet = Regex.Match(script, @"\[ValidateSet\(([^)]*)\)\]\s*\[string\[\]\] \$Task");
        Assert.True(validateSet.Success, "build.ps1 has no ValidateSet on -Task.");
        var tasks = Regex.Matches(validateSet.Groups[1].Value, "'([^']+)'").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["Build", "Test", "Package", "Publish", "Clean", "Try"], tasks);

        var help = script[..script.IndexOf("#>", StringComparison.Ordinal)];
        foreach (var task in tasks)
        {
            Assert.Matches(new Regex(@"(?m)^\s+" + task + @"\s+\S"), help); // one line of .DESCRIPTION per task
            Assert.Contains("'" + task + "'", script[validateSet.Index..]); // and a branch of the switch
        }

        foreach (var workflow in Workflows)
        {
            foreach (Match call in Regex.Matches(Read(workflow), @"\./build\.ps1 -Task ([A-Za-z, ]+)"))
            {
                foreach (var task in call.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    Assert.Contains(task, tasks);
                }
            }
        }
    }

    [Fact]
    public void CI_runs_the_README_test_command_on_every_OS_and_covers_Windows_PowerShell_and_ScriptAnalyzer()
    {
        var ci = Read(".github/workflows/ci.yml");
        Assert.Contains("os: [ubuntu-latest, windows-latest, macos-latest]", ci);
        Assert.Contains("dotnet tool restore", ci);
        Assert.Contains("dotnet pwsh ./build.ps1 -Task Test", ci);
        Assert.Contains("shell: powershell", ci); // Windows PowerShell 5.1 imports the built module and lists users
        Assert.Contains("[Rinkel.User]", ci);
        Assert.Contains("Invoke-ScriptAnalyzer", ci);
        Assert.Contains("dotnet-version: 10.0.x", ci);
        // Pester comes from the version the build restores (tests/Rinkel.Tools), never from the Gallery.
        Assert.DoesNotContain("Install-Module Pester", ci);
        Assert.DoesNotContain("Invoke-Pester", ci);
    }

    [Fact]
    public void Release_runs_on_v_tags_and_publishes_with_the_Gallery_secret()
    {
        var release = Read(".github/workflows/release.yml");
        Assert.Matches(@"tags: \['v\*'\]", release);
        Assert.Contains("PSGALLERY_API_KEY: ${{ secrets.PSGALLERY_API_KEY }}", release);
        Assert.Contains("dotnet tool restore", release);
        Assert.Contains("dotnet pwsh ./build.ps1 -Task Test, Package", release);
        Assert.Contains("dotnet pwsh ./build.ps1 -Task Publish", release);
        Assert.DoesNotContain("pull_request", release);

        // build.ps1's Publish is the thin documented call, keyed by the same variable.
        var script = Read("build.ps1");
        Assert.Contains("Publish-PSResource -Path $ModuleDirectory -Repository PSGallery -ApiKey $env:PSGALLERY_API_KEY", script);
        Assert.Contains("Publish-Module -Path $ModuleDirectory -Repository PSGallery -NuGetApiKey $env:PSGALLERY_API_KEY", script);
    }
}
