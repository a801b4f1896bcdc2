using System.Text;

namespace Rinkel.HelpBuilder.Markdown;

/// <summary>
/// Turns inline Markdown into the plain text a console shows. Code spans stay as written, backticks included,
/// because PowerShell's own help keeps them and they mark what to type. Links become their text (plus the address
/// when it is absolute, since a console cannot follow a link), bold markers go, and backslash escapes resolve.
/// </summary>
internal static class InlineText
{
    public static string ToPlain(string markdown)
    {
        var sb = new StringBuilder(markdown.Length);
        var i = 0;
        while (i < markdown.Length)
        {
            var c = markdown[i];
            if (c == '`' && TryCodeSpan(markdown, i, out var span))
            {
                sb.Append(span);
                i += span.Length;
            }
            else if (c == '\\' && i + 1 < markdown.Length && IsAsciiPunctuation(markdown[i + 1]))
            {
                sb.Append(markdown[i + 1]);
                i += 2;
            }
            else if (c == '*' && i + 1 < markdown.Length && markdown[i + 1] == '*')
            {
                i += 2;
            }
            else if (c == '[' && TryLink(markdown, i, out var text, out var target, out var length))
            {
                sb.Append(Describe(ToPlain(text), target));
                i += length;
            }
            else if (c == '<' && TryAutolink(markdown, i, out var address, out var autolinkLength))
            {
                sb.Append(address);
                i += autolinkLength;
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }
        return sb.ToString();
    }

    /// <summary>Parses "[text](target)" at <paramref name="start"/>; used for RELATED LINKS as well.</summary>
    public static bool TryLink(string s, int start, out string text, out string target, out int length)
    {
        text = target = string.Empty;
        length = 0;
        var depth = 0;
        var close = -1;
        for (var i = start; i < s.Length; i++)
        {
            if (s[i] == '\\') { i++; continue; }
            if (s[i] == '[') depth++;
            else if (s[i] == ']' && --depth == 0) { close = i; break; }
        }
        if (close < 0 || close + 1 >= s.Length || s[close + 1] != '(') return false;
        var end = s.IndexOf(')', close + 2);
        if (end < 0) return false;
        text = s[(start + 1)..close];
        target = s[(close + 2)..end].Trim();
        // A title ("...") after the address is allowed by Markdown and means nothing in a console.
        var space = target.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0) target = target[..space];
        length = end + 1 - start;
        return true;
    }

    /// <summary>True for links a reader can follow outside the docs folder (http, https, mailto, ...).</summary>
    public static bool IsAbsolute(string target) => Uri.TryCreate(target, UriKind.Absolute, out var uri) && !uri.IsFile && target.Contains(':', StringComparison.Ordinal);

    private static string Describe(string text, string target)
    {
        // Links between the docs (Connect-Rinkel.md, about_Rinkel.md, #anchors) name a help topic: the text is enough.
        if (!IsAbsolute(target) || string.Equals(text, target, StringComparison.Ordinal)) return text;
        return text + " (" + target + ")";
    }

    private static bool TryCodeSpan(string s, int start, out string span)
    {
        var run = 0;
        while (start + run < s.Length && s[start + run] == '`') run++;
        var fence = new string('`', run);
        var search = start + run;
        while (true)
        {
            var close = s.IndexOf(fence, search, StringComparison.Ordinal);
            if (close < 0) break;
            var after = close + run;
            if (after >= s.Length || s[after] != '`')
            {
                span = s[start..after];
                return true;
            }
            search = after;
            while (search < s.Length && s[search] == '`') search++;
        }
        // An unmatched backtick run is literal text.
        span = fence;
        return true;
    }

    private static bool TryAutolink(string s, int start, out string address, out int length)
    {
        address = string.Empty;
        length = 0;
        var end = s.IndexOf('>', start + 1);
        if (end < 0) return false;
        var inner = s[(start + 1)..end];
        if (inner.Contains(' ', StringComparison.Ordinal) || !IsAbsolute(inner)) return false;
        address = inner;
        length = end + 1 - start;
        return true;
    }

    private static bool IsAsciiPunctuation(char c) => c < 128 && (char.IsPunctuation(c) || char.IsSymbol(c));
}
