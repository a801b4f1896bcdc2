using System.Management.Automation.Language;
using Rinkel.PowerShell.Tests.Infrastructure;

namespace Rinkel.PowerShell.Tests;

/// <summary>
/// Every PowerShell script in the repository parses, so a syntax error fails fast here, before build.ps1 or the
/// Pester suite (which run them on pwsh) get to them.
/// </summary>
public sealed class ScriptSyntaxTests
{
    private static List<string> ScriptPaths()
    {
        var root = ModuleSession.RepoRoot;
        return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".ps1") || f.EndsWith(".psm1") || f.EndsWith(".psd1"))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "out" or ".git"))
            .Select(f => Path.GetRelativePath(root, f))
            .Order()
            .ToList();
    }

    public static TheoryData<string> Scripts() => new(ScriptPaths());

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_parses_without_errors(string relativePath)
    {
        Parser.ParseFile(Path.Combine(ModuleSession.RepoRoot, relativePath), out _, out var errors);
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{relativePath}:{e.Extent.StartLineNumber}: {e.Message}")));
    }

    [Fact]
    public void The_repository_has_the_scripts_users_and_CI_run()
    {
        var scripts = ScriptPaths();
        Assert.Contains("build.ps1", scripts);
        Assert.Contains(Path.Combine("tests", "Pester", "TestHelpers.ps1"), scripts);
        Assert.Contains(Path.Combine("tests", "Pester", "Install.Tests.ps1"), scripts);
        Assert.Contains(Path.Combine("module", "Rinkel.psd1"), scripts);
    }
}
