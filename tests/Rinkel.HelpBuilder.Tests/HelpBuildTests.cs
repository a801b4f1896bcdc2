using System.Xml.Linq;
using static Rinkel.HelpBuilder.Tests.SampleDocs;

namespace Rinkel.HelpBuilder.Tests;

public sealed class HelpBuildTests
{
    [Fact]
    public void The_repository_docs_build_into_the_module_help()
    {
        using var output = new TempDirectory();
        var result = HelpBuild.Run(Path.Combine(RepoRoot, "docs"), output.Path);

        Assert.Empty(result.Errors);
        var maml = XDocument.Load(Path.Combine(output.Path, "en-US", "Rinkel.dll-Help.xml"));
        XNamespace command = MamlWriter.CommandNamespace;
        // Every cmdlet the manifest exports has its help, and nothing else does.
        var manifest = File.ReadAllText(Path.Combine(RepoRoot, "module", "Rinkel.psd1"));
        var exported = System.Text.RegularExpressions.Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\((?<list>[^)]*)\)").Groups["list"].Value;
        var cmdlets = System.Text.RegularExpressions.Regex.Matches(exported, "'([A-Za-z-]+)'").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToArray();
        Assert.Contains("Get-RinkelUser", cmdlets);
        Assert.Equal(cmdlets,
            maml.Root!.Elements(command + "command").Select(c => c.Element(command + "details")!.Element(command + "name")!.Value).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(output.Path, "en-US", "about_Rinkel.help.txt")));
    }

    [Fact]
    public void Command_docs_and_about_topics_are_written_to_en_US_and_other_Markdown_is_skipped()
    {
        using var docs = new TempDirectory();
        using var output = new TempDirectory();
        docs.Write("Get-Thing.md", Command);
        docs.Write("about_Thing.md", About);
        var readme = docs.Write("README.md", "# Thing\n\nNotes for contributors.\n");

        var result = HelpBuild.Run(docs.Path, output.Path);

        Assert.Empty(result.Errors);
        Assert.Equal([Path.Combine(output.Path, "en-US", "Thing.dll-Help.xml"), Path.Combine(output.Path, "en-US", "about_Thing.help.txt")], result.Written);
        Assert.Equal([readme], result.Skipped);
        Assert.All(result.Written, p => Assert.True(File.Exists(p)));
    }

    [Fact]
    public void Building_twice_writes_the_same_bytes()
    {
        using var docs = new TempDirectory();
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        docs.Write("Get-Thing.md", Command);
        docs.Write("about_Thing.md", About);

        HelpBuild.Run(docs.Path, first.Path);
        HelpBuild.Run(docs.Path, second.Path);

        foreach (var name in new[] { "Thing.dll-Help.xml", "about_Thing.help.txt" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, "en-US", name)), File.ReadAllBytes(Path.Combine(second.Path, "en-US", name)));
    }

    [Fact]
    public void Malformed_docs_write_nothing_and_name_each_file_and_line()
    {
        using var docs = new TempDirectory();
        using var output = new TempDirectory();
        var command = docs.Write("Get-Thing.md", Command.Replace("## NOTES\n", "", StringComparison.Ordinal));
        var about = docs.Write("about_Thing.md", About.Replace("## LONG DESCRIPTION", "## LONGER DESCRIPTION", StringComparison.Ordinal));

        var result = HelpBuild.Run(docs.Path, output.Path);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Written);
        Assert.False(Directory.Exists(Path.Combine(output.Path, "en-US")));
        Assert.Contains(result.Errors, e => e.File == command && e.Code == ErrorCodes.MissingSection && e.Line == LineOf(Command, "# Get-Thing"));
        Assert.Contains(result.Errors, e => e.File == about && e.Code == ErrorCodes.MissingSection && e.Message.Contains("LONG DESCRIPTION", StringComparison.Ordinal));
    }

    [Fact]
    public void Command_help_without_front_matter_is_an_error_not_skipped()
    {
        using var docs = new TempDirectory();
        using var output = new TempDirectory();
        var path = docs.Write("Get-Thing.md", Command[(Command.IndexOf("# Get-Thing", StringComparison.Ordinal))..]);

        var result = HelpBuild.Run(docs.Path, output.Path);

        Assert.Contains(result.Errors, e => e.File == path && e.Message.Contains("'external help file:'", StringComparison.Ordinal));
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void Docs_without_any_command_help_are_an_error()
    {
        using var docs = new TempDirectory();
        using var output = new TempDirectory();
        docs.Write("about_Thing.md", About);

        var result = HelpBuild.Run(docs.Path, output.Path);

        Assert.Contains("No command help found", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_command_in_two_files_is_an_error()
    {
        using var docs = new TempDirectory();
        using var output = new TempDirectory();
        docs.Write("Get-Thing.md", Command);
        // Command names are case-insensitive; only a case-sensitive file system can hold both files.
        if (File.Exists(Path.Combine(docs.Path, "get-thing.md"))) return;
        docs.Write("get-thing.md", Command.Replace("# Get-Thing\n", "# get-thing\n", StringComparison.Ordinal));

        var result = HelpBuild.Run(docs.Path, output.Path);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCodes.Duplicate, error.Code);
        Assert.Contains("documented in more than one file", error.Message, StringComparison.Ordinal);
    }
}
