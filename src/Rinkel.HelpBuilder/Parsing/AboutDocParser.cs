using Rinkel.HelpBuilder.Markdown;
using Rinkel.HelpBuilder.Model;

namespace Rinkel.HelpBuilder.Parsing;

/// <summary>
/// Reads an about topic in the platyPS about layout: "# about_Name", then "## SHORT DESCRIPTION",
/// "## LONG DESCRIPTION" (both required; Get-Help lists a topic by its short description) and any further
/// ## sections such as "## SEE ALSO"; ### subsections are allowed anywhere.
/// </summary>
internal static class AboutDocParser
{
    public const string ShortDescription = "SHORT DESCRIPTION";
    public const string LongDescription = "LONG DESCRIPTION";
    public const string SeeAlso = "SEE ALSO";

    public static bool IsAboutFile(string path) =>
        Path.GetFileName(path).StartsWith("about_", StringComparison.OrdinalIgnoreCase);

    public static AboutTopic? Parse(MarkdownDocument document, DocDiagnostics diagnostics)
    {
        var path = document.Path;
        var errorsBefore = diagnostics.Items.Count;
        var blocks = document.Blocks;
        var first = blocks.FirstOrDefault();
        if (first == null || !first.IsHeading(1))
        {
            diagnostics.Error(path, first?.Line ?? 1, ErrorCodes.MissingSection, $"The file must start with '# {document.BaseName}'.");
            return null;
        }
        if (!string.Equals(first.Text, document.BaseName, StringComparison.Ordinal))
            diagnostics.Error(path, first.Line, ErrorCodes.NameMismatch, $"The title '# {first.Text}' does not match the file name '{document.BaseName}.md'.");

        var parts = new List<AboutPart>();
        string? section = null;
        var seen = new Dictionary<string, (int Line, bool HasText)>(StringComparer.OrdinalIgnoreCase);
        foreach (var block in blocks.Skip(1))
        {
            if (block.Kind == BlockKind.Heading)
            {
                if (block.Level == 1)
                {
                    diagnostics.Error(path, block.Line, ErrorCodes.UnexpectedSection, $"A second title '# {block.Text}': an about file holds one topic.");
                    continue;
                }
                if (block.Level == 2)
                {
                    section = block.Text;
                    if (!seen.TryAdd(section, (block.Line, false)))
                        diagnostics.Error(path, block.Line, ErrorCodes.UnexpectedSection, $"The section '## {section}' is given twice.");
                }
                else if (section == null)
                {
                    diagnostics.Error(path, block.Line, ErrorCodes.UnexpectedContent, $"'{block.Text}' comes before ## {ShortDescription}.");
                }
                parts.Add(new AboutPart(block.Text, block.Level, null, IsSeeAlso(section)));
                continue;
            }

            if (section == null)
            {
                diagnostics.Error(path, block.Line, ErrorCodes.UnexpectedContent, $"Text before ## {ShortDescription} has no place in an about topic.");
                continue;
            }
            seen[section] = (seen[section].Line, true);
            foreach (var paragraph in HelpText.From([block]).Paragraphs)
                parts.Add(new AboutPart(null, 0, paragraph, IsSeeAlso(section)));
        }

        foreach (var required in new[] { ShortDescription, LongDescription })
        {
            if (!seen.TryGetValue(required, out var state))
                diagnostics.Error(path, first.Line, ErrorCodes.MissingSection, $"The section '## {required}' is missing.");
            else if (!state.HasText)
                diagnostics.Error(path, state.Line, ErrorCodes.EmptyText, $"## {required} is empty.");
        }

        return diagnostics.Items.Count > errorsBefore ? null : new AboutTopic(first.Text, path, parts);
    }

    private static bool IsSeeAlso(string? section) => string.Equals(section, SeeAlso, StringComparison.OrdinalIgnoreCase);
}
