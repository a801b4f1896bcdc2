namespace Rinkel.HelpBuilder.Markdown;

internal enum BlockKind
{
    Heading,
    Paragraph,
    ListItem,
    Code,
}

/// <summary>
/// One block of a Markdown file. Only the subset the platyPS layout uses is recognised: ATX headings, fenced code,
/// paragraphs and list items; everything else reads as paragraph text.
/// </summary>
/// <param name="Kind">What the block is.</param>
/// <param name="Line">The 1-based line the block starts on, for error messages.</param>
/// <param name="Text">Heading text; paragraph or list item lines joined with '\n'; code verbatim.</param>
/// <param name="Level">The heading level (1 for #).</param>
/// <param name="Info">The info string of a code fence (its language), or a list item's marker.</param>
internal sealed record MarkdownBlock(BlockKind Kind, int Line, string Text, int Level = 0, string Info = "")
{
    public bool IsHeading(int level) => Kind == BlockKind.Heading && Level == level;

    /// <summary>The text lines of a paragraph or list item.</summary>
    public string[] Lines => Text.Split('\n');
}
