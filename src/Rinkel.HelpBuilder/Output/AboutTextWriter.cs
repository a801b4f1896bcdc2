using System.Text;
using Rinkel.HelpBuilder.Model;

namespace Rinkel.HelpBuilder.Output;

/// <summary>
/// Renders an about topic as the plain text file Get-Help shows (about_Name.help.txt), in the classic layout:
/// <code>
/// TOPIC
///     about_Name
///
/// SHORT DESCRIPTION
///     One sentence.
///
/// LONG DESCRIPTION
///     Text wrapped at 80 columns, indented 4.
///
///   SUBSECTION
///     More text.
///
///         Code, indented 8, as written.
/// </code>
/// Get-Help finds the short description by its heading, so the headings are fixed text in capitals.
/// </summary>
internal static class AboutTextWriter
{
    public const int Width = 80;
    private const string Body = "    ";
    private const string Code = "        ";

    /// <summary>Renders <paramref name="topic"/>; reports every line that cannot fit <see cref="Width"/>.</summary>
    public static string Render(AboutTopic topic, DocDiagnostics diagnostics)
    {
        var lines = new List<string> { "TOPIC", Body + topic.Name };
        AboutPart? previous = null;
        foreach (var part in topic.Parts)
        {
            if (part.Heading != null)
            {
                lines.Add(string.Empty);
                lines.Add(part.Level switch
                {
                    2 => part.Heading.ToUpperInvariant(),
                    3 => "  " + part.Heading.ToUpperInvariant(),
                    _ => Body + part.Heading,
                });
                previous = part;
                continue;
            }

            var paragraph = part.Paragraph!;
            // No blank line right under a heading, nor between the items of one list.
            var follows = previous?.Heading != null
                || (previous?.Paragraph?.Kind == ParagraphKind.ListItem && paragraph.Kind == ParagraphKind.ListItem);
            if (!follows) lines.Add(string.Empty);
            var start = lines.Count;
            lines.AddRange(Lines(paragraph, part.InSeeAlso));
            Check(topic, paragraph, lines, start, diagnostics);
            previous = part;
        }

        var sb = new StringBuilder();
        foreach (var line in lines) sb.Append(line).Append('\n');
        return sb.ToString();
    }

    private static IEnumerable<string> Lines(HelpParagraph paragraph, bool inSeeAlso)
    {
        switch (paragraph.Kind)
        {
            case ParagraphKind.Code:
                return paragraph.Text.Split('\n').Select(l => l.Length == 0 ? l : Code + l);
            case ParagraphKind.Table:
                return paragraph.Text.Split('\n').Select(l => Body + l);
            case ParagraphKind.ListItem when inSeeAlso && paragraph.Marker == "-":
                // SEE ALSO lists topic names one per line, without bullets, as PowerShell's own about files do.
                return TextWrap.Wrap(paragraph.Text, Body, Body, Width);
            case ParagraphKind.ListItem:
                var marker = Body + paragraph.Marker + " ";
                return TextWrap.Wrap(paragraph.Text, marker, new string(' ', marker.Length), Width);
            default:
                return TextWrap.Wrap(paragraph.Text, Body, Body, Width);
        }
    }

    private static void Check(AboutTopic topic, HelpParagraph paragraph, List<string> lines, int start, DocDiagnostics diagnostics)
    {
        for (var i = start; i < lines.Count; i++)
        {
            if (lines[i].Length <= Width) continue;
            // Code and tables map line for line to the source; wrapped prose can only point at its paragraph.
            var line = paragraph.IsVerbatim ? paragraph.Line + (i - start) : paragraph.Line;
            diagnostics.Error(topic.SourcePath, line, ErrorCodes.LineTooLong,
                $"This renders as a {lines[i].Length}-column line in {topic.Name}.help.txt; about topics fit {Width} columns"
                + (paragraph.IsVerbatim ? " (code is indented 8, so keep code lines to 72 characters)." : " (a word or URL is too long to wrap)."));
        }
    }
}
