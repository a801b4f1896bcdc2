namespace Rinkel.HelpBuilder.Markdown;

/// <summary>A heading and the blocks under it, up to the next heading of the same or a higher level.</summary>
internal sealed class Section
{
    public Section(MarkdownBlock heading, IReadOnlyList<MarkdownBlock> body)
    {
        Heading = heading;
        Body = body;
    }

    public MarkdownBlock Heading { get; }

    public string Title => Heading.Text;

    public int Line => Heading.Line;

    /// <summary>Everything under the heading, deeper headings included.</summary>
    public IReadOnlyList<MarkdownBlock> Body { get; }

    /// <summary>The body's blocks before its first heading of <paramref name="level"/> or higher.</summary>
    public IReadOnlyList<MarkdownBlock> Lead(int level) => Body.TakeWhile(b => !(b.Kind == BlockKind.Heading && b.Level <= level)).ToList();

    /// <summary>The subsections at <paramref name="level"/> (normally this section's level + 1).</summary>
    public IReadOnlyList<Section> Children(int level) => Split(Body, level);

    /// <summary>
    /// Splits <paramref name="blocks"/> at every heading of <paramref name="level"/>; blocks before the first such
    /// heading are not part of any section (see <see cref="Lead"/>).
    /// </summary>
    public static IReadOnlyList<Section> Split(IReadOnlyList<MarkdownBlock> blocks, int level)
    {
        var sections = new List<Section>();
        MarkdownBlock? heading = null;
        var body = new List<MarkdownBlock>();
        foreach (var block in blocks)
        {
            if (block.IsHeading(level))
            {
                if (heading != null) sections.Add(new Section(heading, body));
                heading = block;
                body = [];
            }
            else if (heading != null)
            {
                body.Add(block);
            }
        }
        if (heading != null) sections.Add(new Section(heading, body));
        return sections;
    }
}
