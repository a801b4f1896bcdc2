using System.Text.RegularExpressions;

namespace Rinkel.HelpBuilder.Markdown;

/// <summary>
/// Reads the Markdown subset that platyPS writes and that hand-edited help files use. A full CommonMark parser
/// would be a package dependency; this one is small because the layout is: front matter, ATX headings, fenced
/// code, paragraphs, list items. It keeps line numbers so that every error can point at the line to fix.
/// </summary>
internal static partial class MarkdownReader
{
    public static MarkdownDocument Read(string path, string text, DocDiagnostics diagnostics)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var index = 0;
        var frontMatter = ReadFrontMatter(path, lines, ref index, diagnostics);
        var blocks = ReadBlocks(path, lines, index, diagnostics);
        return new MarkdownDocument(path, frontMatter, blocks);
    }

    private static Dictionary<string, FrontMatterEntry> ReadFrontMatter(string path, string[] lines, ref int index, DocDiagnostics diagnostics)
    {
        var entries = new Dictionary<string, FrontMatterEntry>(StringComparer.OrdinalIgnoreCase);
        // A byte order mark that survived decoding would hide the opening ---.
        if (lines.Length == 0 || lines[0].TrimStart('\uFEFF').TrimEnd() != "---") return entries;

        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimEnd() == "---")
            {
                index = i + 1;
                return entries;
            }
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                diagnostics.Error(path, i + 1, ErrorCodes.InvalidFrontMatter, $"Front matter line '{line.Trim()}' is not 'key: value'.");
                continue;
            }
            var key = line[..colon].Trim();
            if (!entries.TryAdd(key, new FrontMatterEntry(line[(colon + 1)..].Trim(), i + 1)))
                diagnostics.Error(path, i + 1, ErrorCodes.InvalidFrontMatter, $"Front matter key '{key}' is given twice.");
        }

        diagnostics.Error(path, 1, ErrorCodes.InvalidFrontMatter, "The front matter opened with --- on line 1 is never closed with ---.");
        index = lines.Length;
        return entries;
    }

    private static List<MarkdownBlock> ReadBlocks(string path, string[] lines, int start, DocDiagnostics diagnostics)
    {
        var blocks = new List<MarkdownBlock>();
        var pending = new List<string>();
        var pendingLine = 0;
        var pendingKind = BlockKind.Paragraph;
        var pendingMarker = string.Empty;

        void Flush()
        {
            if (pending.Count == 0) return;
            blocks.Add(new MarkdownBlock(pendingKind, pendingLine, string.Join('\n', pending), Info: pendingMarker));
            pending.Clear();
        }

        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }

            var fence = FenceOpen().Match(line);
            if (fence.Success)
            {
                Flush();
                i = ReadFence(path, lines, i, fence, blocks, diagnostics);
                continue;
            }

            var heading = Heading().Match(line);
            if (heading.Success)
            {
                Flush();
                blocks.Add(new MarkdownBlock(BlockKind.Heading, i + 1, heading.Groups["text"].Value.Trim(), heading.Groups["hashes"].Length));
                continue;
            }

            var item = ListItem().Match(line);
            if (item.Success)
            {
                Flush();
                pendingKind = BlockKind.ListItem;
                pendingMarker = item.Groups["marker"].Value;
                pendingLine = i + 1;
                pending.Add(item.Groups["text"].Value.Trim());
                continue;
            }

            // Any other line continues the open paragraph or list item (a "lazy" continuation) or starts a paragraph.
            if (pending.Count == 0)
            {
                pendingKind = BlockKind.Paragraph;
                pendingMarker = string.Empty;
                pendingLine = i + 1;
            }
            pending.Add(line.Trim());
        }

        Flush();
        return blocks;
    }

    // Returns the index of the closing fence line (or the last line when the fence never closes).
    private static int ReadFence(string path, string[] lines, int open, Match fence, List<MarkdownBlock> blocks, DocDiagnostics diagnostics)
    {
        var marker = fence.Groups["fence"].Value;
        var indent = fence.Groups["indent"].Length;
        var body = new List<string>();
        for (var i = open + 1; i < lines.Length; i++)
        {
            var candidate = lines[i];
            var trimmed = candidate.TrimStart(' ');
            if (candidate.Length - trimmed.Length <= 3 && trimmed.TrimEnd().Length >= marker.Length &&
                trimmed.TrimEnd().All(c => c == marker[0]))
            {
                blocks.Add(new MarkdownBlock(BlockKind.Code, open + 1, string.Join('\n', body), Info: fence.Groups["info"].Value.Trim()));
                return i;
            }
            // Content is indented like the opening fence in lists; remove that much, never more.
            var remove = Math.Min(indent, candidate.Length - candidate.TrimStart(' ').Length);
            body.Add(candidate[remove..].TrimEnd());
        }

        diagnostics.Error(path, open + 1, ErrorCodes.UnclosedFence, $"The code fence {marker} opened here is never closed.");
        blocks.Add(new MarkdownBlock(BlockKind.Code, open + 1, string.Join('\n', body), Info: fence.Groups["info"].Value.Trim()));
        return lines.Length - 1;
    }

    [GeneratedRegex(@"^(?<indent> {0,3})(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex FenceOpen();

    [GeneratedRegex(@"^ {0,3}(?<hashes>#{1,6})(?:[ \t]+(?<text>.*?))?(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}(?<marker>[-*+]|\d{1,9}[.)])[ \t]+(?<text>.*)$")]
    private static partial Regex ListItem();
}
