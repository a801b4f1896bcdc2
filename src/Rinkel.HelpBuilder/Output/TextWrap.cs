using System.Text;

namespace Rinkel.HelpBuilder.Output;

/// <summary>Greedy word wrapping, the way PowerShell's own about_ files are laid out.</summary>
internal static class TextWrap
{
    /// <summary>
    /// Wraps <paramref name="text"/> to lines of at most <paramref name="width"/> characters. The first line starts
    /// with <paramref name="firstPrefix"/>, the others with <paramref name="prefix"/>. A '\n' in the text forces a
    /// break. A word longer than a line is never split (a URL must stay whole), so such a line comes out longer.
    /// A `code span` counts as one word: a command split over two lines is easy to mistype.
    /// </summary>
    public static IEnumerable<string> Wrap(string text, string firstPrefix, string prefix, int width)
    {
        var first = true;
        foreach (var piece in text.Split('\n'))
        {
            var line = new StringBuilder(first ? firstPrefix : prefix);
            var lineHasWord = false;
            foreach (var word in Words(piece))
            {
                if (lineHasWord && line.Length + 1 + word.Length > width)
                {
                    yield return line.ToString();
                    line.Clear().Append(prefix);
                    lineHasWord = false;
                }
                if (lineHasWord) line.Append(' ');
                line.Append(word);
                lineHasWord = true;
            }
            yield return line.ToString().TrimEnd();
            first = false;
        }
    }

    // Splits at spaces outside `code spans`.
    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        var inCode = false;
        foreach (var c in text)
        {
            if (c == '`') inCode = !inCode;
            if (c == ' ' && !inCode)
            {
                if (word.Length > 0) yield return word.ToString();
                word.Clear();
                continue;
            }
            word.Append(c);
        }
        if (word.Length > 0) yield return word.ToString();
    }
}
