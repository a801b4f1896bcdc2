using System.Text.RegularExpressions;

namespace Rinkel.HelpBuilder.Parsing;

/// <summary>One parameter as a SYNTAX line shows it.</summary>
/// <param name="Name">The name without the dash.</param>
/// <param name="Optional">Shown in brackets: [-Name &lt;T&gt;] or [[-Name] &lt;T&gt;].</param>
/// <param name="Positional">The name itself is in brackets: [-Name] &lt;T&gt;.</param>
/// <param name="ValueType">The type in angle brackets, or null for a switch.</param>
internal sealed record SyntaxEntry(string Name, bool Optional, bool Positional, string? ValueType);

/// <summary>
/// Reads a SYNTAX line such as <c>Get-RinkelUser [-Id] &lt;String[]&gt; [-Connection &lt;Connection&gt;] [&lt;CommonParameters&gt;]</c>.
/// The line is what readers of the Markdown see, so the builder checks it against the parameters' yaml instead
/// of trusting either one: the two cannot disagree in a built module.
/// </summary>
internal static partial class SyntaxLine
{
    public static IReadOnlyList<SyntaxEntry>? Parse(string code, string command, out string? error)
    {
        error = null;
        var text = Whitespace().Replace(code, " ").Trim();
        if (!text.StartsWith(command, StringComparison.OrdinalIgnoreCase) ||
            (text.Length > command.Length && text[command.Length] != ' '))
        {
            error = $"The syntax line must start with the command name '{command}'.";
            return null;
        }

        var entries = new List<SyntaxEntry>();
        foreach (var element in Elements(text[command.Length..]))
        {
            if (element is "[<CommonParameters>]" or "<CommonParameters>") continue;
            var entry = Classify(element);
            if (entry == null)
            {
                error = $"Cannot read '{element}' in the syntax line; write [-Name <Type>], -Name <Type>, [-Name] <Type>, [[-Name] <Type>] or [-Switch].";
                return null;
            }
            entries.Add(entry);
        }
        return entries;
    }

    // Splits at spaces outside brackets, then joins "<Type>" to the element before it, as in "[-Id] <String[]>".
    private static List<string> Elements(string text)
    {
        var raw = new List<string>();
        var square = 0;
        var angle = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (c == '<') angle++;
            else if (c == '>' && angle > 0) angle--;
            else if (angle == 0 && c == '[') square++;
            else if (angle == 0 && c == ']' && square > 0) square--;
            else if (c == ' ' && square == 0 && angle == 0)
            {
                if (i > start) raw.Add(text[start..i]);
                start = i + 1;
            }
        }

        var merged = new List<string>();
        foreach (var element in raw)
        {
            if (element.StartsWith('<') && element != "<CommonParameters>" && merged.Count > 0) merged[^1] += " " + element;
            else merged.Add(element);
        }
        return merged;
    }

    private static SyntaxEntry? Classify(string element)
    {
        var optional = element.StartsWith('[') && ClosingBracket(element) == element.Length - 1;
        var inner = optional ? element[1..^1].Trim() : element;

        var match = Parameter().Match(inner);
        if (!match.Success) return null;
        var positional = match.Groups["positional"].Success;
        var type = match.Groups["type"].Success ? match.Groups["type"].Value.Trim() : null;
        return new SyntaxEntry(positional ? match.Groups["positional"].Value : match.Groups["named"].Value, optional, positional, type);
    }

    private static int ClosingBracket(string s)
    {
        var depth = 0;
        var angle = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '<') angle++;
            else if (s[i] == '>' && angle > 0) angle--;
            else if (angle > 0) continue;
            else if (s[i] == '[') depth++;
            else if (s[i] == ']' && --depth == 0) return i;
        }
        return -1;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?:\[-(?<positional>[A-Za-z_][A-Za-z0-9_]*)\]|-(?<named>[A-Za-z_][A-Za-z0-9_]*))(?:\s+<(?<type>[^<>]+)>)?$")]
    private static partial Regex Parameter();
}
