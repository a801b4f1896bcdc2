using System.Management.Automation.Language;
using Rinkel.PowerShell.Tests.Infrastructure;

namespace Rinkel.PowerShell.Tests;

/// <summary>
/// Pester and build scripts cannot run here (no pwsh), so at least the PowerShell parser checks every one of them:
/// a syntax error cannot land.
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
        Assert.Contains(Path.Combine("tests", "Pester", "Rinkel.Tests.ps1"), scripts);
        Assert.Contains(Path.Combine("module", "Rinkel.psd1"), scripts);
    }

    [Fact]
    public void Pester_tests_cover_the_scenarios_the_engine_tests_mirror()
    {
        var text = File.ReadAllText(Path.Combine(ModuleSession.RepoRoot, "tests", "Pester", "Rinkel.Tests.ps1"));
        var ast = Parser.ParseInput(text, out _, out _);
        var its = ast.FindAll(a => a is CommandAst c && c.GetCommandName() == "It", true).Cast<CommandAst>()
            .Select(c => ((StringConstantExpressionAst)c.CommandElements[1]).Value).ToList();
        Assert.True(its.Count >= 5);
        Assert.Contains(its, i => i.Contains("CSV"));
        Assert.Contains(its, i => i.Contains("ObjectNotFound"));
    }
}
