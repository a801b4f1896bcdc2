using System.Text;
using Rinkel.HelpBuilder.Markdown;
using Rinkel.HelpBuilder.Model;
using Rinkel.HelpBuilder.Output;
using Rinkel.HelpBuilder.Parsing;

namespace Rinkel.HelpBuilder;

/// <summary>What one run read and wrote, or why it wrote nothing.</summary>
internal sealed record HelpBuildResult(IReadOnlyList<DocDiagnostic> Errors, IReadOnlyList<string> Written, IReadOnlyList<string> Skipped)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Builds the help of a module from its docs folder:
/// <list type="bullet">
/// <item>Verb-Noun.md files (front matter with "external help file") become that MAML file, e.g. en-US/Rinkel.dll-Help.xml;</item>
/// <item>about_*.md files become en-US/about_*.help.txt;</item>
/// <item>other Markdown (README.md, design notes) is skipped, unless it looks like command help without its front matter.</item>
/// </list>
/// All files are read and checked before anything is written, so a broken doc never leaves half-built help behind.
/// </summary>
internal static class HelpBuild
{
    /// <summary>The help culture. The docs are English; PowerShell falls back to en-US for other cultures.</summary>
    public const string Culture = "en-US";

    public static HelpBuildResult Run(string docsDirectory, string moduleDirectory)
    {
        var diagnostics = new DocDiagnostics();
        var commands = new List<CommandHelp>();
        var abouts = new List<AboutTopic>();
        var skipped = new List<string>();

        // Ordinal order: the same output, and the same error order, on every file system.
        var files = Directory.GetFiles(docsDirectory, "*.md", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var document = MarkdownReader.Read(file, File.ReadAllText(file, Encoding.UTF8), diagnostics);
            if (AboutDocParser.IsAboutFile(file))
            {
                if (AboutDocParser.Parse(document, diagnostics) is { } topic) abouts.Add(topic);
            }
            else if (document.FrontMatter.ContainsKey(CommandDocParser.ExternalHelpFileKey) || CommandDocParser.LooksLikeCommandHelp(document))
            {
                if (CommandDocParser.Parse(document, diagnostics) is { } command) commands.Add(command);
            }
            else
            {
                skipped.Add(file);
            }
        }

        foreach (var duplicate in commands.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            diagnostics.Error(duplicate.ElementAt(1).SourcePath, 1, ErrorCodes.Duplicate, $"{duplicate.Key} is documented in more than one file.");
        if (commands.Count == 0 && !diagnostics.HasErrors)
            diagnostics.Error(Path.Combine(docsDirectory, "*.md"), 1, ErrorCodes.MissingSection, "No command help found: no Markdown file has an 'external help file' front matter key.");

        var outputs = new List<(string Path, byte[] Bytes)>();
        var helpDirectory = Path.Combine(moduleDirectory, Culture);
        foreach (var group in commands.GroupBy(c => c.ExternalHelpFile, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal))
            outputs.Add((Path.Combine(helpDirectory, group.Key), MamlWriter.Write(group)));
        foreach (var topic in abouts)
            outputs.Add((Path.Combine(helpDirectory, topic.Name + ".help.txt"), TextBytes(AboutTextWriter.Render(topic, diagnostics))));

        if (diagnostics.HasErrors) return new HelpBuildResult(diagnostics.Items, [], skipped);

        Directory.CreateDirectory(helpDirectory);
        foreach (var (path, bytes) in outputs) File.WriteAllBytes(path, bytes);
        return new HelpBuildResult([], outputs.Select(o => o.Path).ToList(), skipped);
    }

    // UTF-8 with a byte order mark: Windows PowerShell 5.1 reads a help text file without one in the ANSI code page.
    private static byte[] TextBytes(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
}
