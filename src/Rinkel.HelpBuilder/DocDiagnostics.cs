namespace Rinkel.HelpBuilder;

/// <summary>One problem in a docs file, pointing at the line to fix.</summary>
/// <remarks>
/// <see cref="ToString"/> uses the canonical "file(line): error CODE: text" form on purpose: MSBuild's Exec task
/// recognises it, so a broken doc shows up as a build error that IDEs and CI logs link to the right line.
/// </remarks>
internal sealed record DocDiagnostic(string File, int Line, string Code, string Message)
{
    public override string ToString() => $"{File}({Line}): error {Code}: {Message}";
}

/// <summary>
/// Collects every problem instead of stopping at the first, so one build run lists all the fixes a doc needs.
/// </summary>
internal sealed class DocDiagnostics
{
    private readonly List<DocDiagnostic> _items = [];

    public IReadOnlyList<DocDiagnostic> Items => _items;

    public bool HasErrors => _items.Count > 0;

    public void Error(string file, int line, string code, string message) =>
        _items.Add(new DocDiagnostic(file, Math.Max(1, line), code, message));
}

/// <summary>The error codes, stable so that build logs and tests can name them.</summary>
internal static class ErrorCodes
{
    /// <summary>A required front matter key or section is missing.</summary>
    public const string MissingSection = "RH0001";
    /// <summary>A section that the layout does not know, or one given twice.</summary>
    public const string UnexpectedSection = "RH0002";
    /// <summary>A parameter without its ```yaml block, or with more than one.</summary>
    public const string MissingYaml = "RH0003";
    /// <summary>A yaml block with a missing, unknown, repeated or malformed key.</summary>
    public const string InvalidYaml = "RH0004";
    /// <summary>An example without a code block.</summary>
    public const string ExampleWithoutCode = "RH0005";
    /// <summary>A SYNTAX block that disagrees with the PARAMETERS section.</summary>
    public const string SyntaxMismatch = "RH0006";
    /// <summary>A title that does not match the file name, or a command name that is not Verb-Noun.</summary>
    public const string NameMismatch = "RH0007";
    /// <summary>Front matter that is not closed or has a line without "key: value".</summary>
    public const string InvalidFrontMatter = "RH0008";
    /// <summary>A code fence that is never closed.</summary>
    public const string UnclosedFence = "RH0009";
    /// <summary>A RELATED LINKS entry that is not a Markdown link.</summary>
    public const string InvalidLink = "RH0010";
    /// <summary>A section that must have text (synopsis, description, a parameter's description) is empty.</summary>
    public const string EmptyText = "RH0011";
    /// <summary>A line of an about topic that cannot be wrapped to fit 80 columns (code, tables).</summary>
    public const string LineTooLong = "RH0012";
    /// <summary>The same command, parameter or type documented twice.</summary>
    public const string Duplicate = "RH0013";
    /// <summary>Content where the layout has no place for it, e.g. prose inside SYNTAX.</summary>
    public const string UnexpectedContent = "RH0014";
}
