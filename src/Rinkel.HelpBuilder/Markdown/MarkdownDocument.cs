namespace Rinkel.HelpBuilder.Markdown;

/// <summary>A Markdown file split into its YAML front matter and a flat list of blocks.</summary>
internal sealed class MarkdownDocument
{
    public MarkdownDocument(string path, IReadOnlyDictionary<string, FrontMatterEntry> frontMatter, IReadOnlyList<MarkdownBlock> blocks)
    {
        Path = path;
        FrontMatter = frontMatter;
        Blocks = blocks;
    }

    public string Path { get; }

    /// <summary>Keys compared case-insensitively: platyPS itself writes both "Module Name" and "online version".</summary>
    public IReadOnlyDictionary<string, FrontMatterEntry> FrontMatter { get; }

    public IReadOnlyList<MarkdownBlock> Blocks { get; }

    /// <summary>The file name without .md: platyPS names each file after its command or topic.</summary>
    public string BaseName => System.IO.Path.GetFileNameWithoutExtension(Path);
}

internal sealed record FrontMatterEntry(string Value, int Line);
