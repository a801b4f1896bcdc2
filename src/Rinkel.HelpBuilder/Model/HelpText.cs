using Rinkel.HelpBuilder.Markdown;

namespace Rinkel.HelpBuilder.Model;

internal enum ParagraphKind
{
    /// <summary>Running text: one logical line, wrapped by whoever displays it.</summary>
    Prose,
    /// <summary>A list item: prose after a marker ("-" or "1.").</summary>
    ListItem,
    /// <summary>A code block: lines kept exactly as written.</summary>
    Code,
    /// <summary>A Markdown table: lines kept exactly as written.</summary>
    Table,
}

/// <summary>A paragraph of help text, already converted from Markdown to what a console shows.</summary>
/// <param name="Kind">How the text is laid out.</param>
/// <param name="Text">The text; lines separated by '\n' (hard breaks, or the lines of code and tables).</param>
/// <param name="Line">The source line of the first line of <paramref name="Text"/>, for error messages.</param>
/// <param name="Marker">A list item's marker: "-" or "1.".</param>
internal sealed record HelpParagraph(ParagraphKind Kind, string Text, int Line, string Marker = "")
{
    public bool IsVerbatim => Kind is ParagraphKind.Code or ParagraphKind.Table;
}

/// <summary>Help prose: the paragraphs of a description, remarks, notes or an about section.</summary>
internal sealed record HelpText(IReadOnlyList<HelpParagraph> Paragraphs)
{
    public static readonly HelpText Empty = new([]);

    public bool IsEmpty => Paragraphs.Count == 0;

    /// <summary>Converts Markdown blocks (no headings) to help paragraphs.</summary>
    public static HelpText From(IEnumerable<MarkdownBlock> blocks)
    {
        var paragraphs = new List<HelpParagraph>();
        foreach (var block in blocks)
        {
            switch (block.Kind)
            {
                case BlockKind.Paragraph when block.Lines.All(l => l.StartsWith('|')):
                    paragraphs.Add(new HelpParagraph(ParagraphKind.Table, block.Text, block.Line));
                    break;
                case BlockKind.Paragraph:
                    paragraphs.Add(new HelpParagraph(ParagraphKind.Prose, JoinLines(block.Lines), block.Line));
                    break;
                case BlockKind.ListItem:
                    // Bullets all read as "-" in a console; numbered items keep their numbers.
                    var marker = char.IsAsciiDigit(block.Info[0]) ? block.Info : "-";
                    paragraphs.Add(new HelpParagraph(ParagraphKind.ListItem, JoinLines(block.Lines), block.Line, marker));
                    break;
                case BlockKind.Code:
                    // The code starts on the line after the opening fence.
                    paragraphs.Add(new HelpParagraph(ParagraphKind.Code, block.Text, block.Line + 1));
                    break;
            }
        }
        return new HelpText(paragraphs);
    }

    /// <summary>All paragraphs as one string, for single-line uses such as a synopsis.</summary>
    public string ToSingleLine() => string.Join(" ", Paragraphs.Select(p => p.Text));

    // Soft line breaks in Markdown are spaces; a line ending in a backslash or two spaces is a hard break.
    // (The two trailing spaces are already trimmed by the reader, so only the backslash form survives.)
    private static string JoinLines(string[] lines)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var line in lines)
        {
            var hardBreak = line.EndsWith('\\') && !line.EndsWith(@"\\", StringComparison.Ordinal);
            var text = hardBreak ? line[..^1].TrimEnd() : line;
            if (current.Length > 0) current.Append(' ');
            current.Append(text);
            if (hardBreak)
            {
                parts.Add(InlineText.ToPlain(current.ToString()));
                current.Clear();
            }
        }
        if (current.Length > 0) parts.Add(InlineText.ToPlain(current.ToString()));
        return string.Join('\n', parts);
    }
}
