namespace Rinkel.HelpBuilder.Model;

/// <summary>The help of one cmdlet, as read from its docs/&lt;Verb-Noun&gt;.md file.</summary>
internal sealed record CommandHelp(
    string Name,
    string SourcePath,
    string ExternalHelpFile,
    string? OnlineVersion,
    string Synopsis,
    HelpText Description,
    IReadOnlyList<SyntaxSet> SyntaxSets,
    IReadOnlyList<ExampleHelp> Examples,
    IReadOnlyList<ParameterHelp> Parameters,
    IReadOnlyList<TypeHelp> Inputs,
    IReadOnlyList<TypeHelp> Outputs,
    HelpText Notes,
    IReadOnlyList<LinkHelp> Links)
{
    public string Verb => Name[..Name.IndexOf('-', StringComparison.Ordinal)];

    public string Noun => Name[(Name.IndexOf('-', StringComparison.Ordinal) + 1)..];

    public ParameterHelp Parameter(string name) => Parameters.Single(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One parameter set, from a SYNTAX subsection; its parameters in the order the syntax line shows them.</summary>
internal sealed record SyntaxSet(string Name, bool IsDefault, IReadOnlyList<string> ParameterNames)
{
    /// <summary>The name PowerShell gives the only set of a cmdlet that declares none.</summary>
    public const string AllParameterSets = "__AllParameterSets";
}

internal sealed record ExampleHelp(string Title, string Code, HelpText Remarks);

/// <summary>An entry of INPUTS or OUTPUTS: a type name ("None" for nothing) and what it means.</summary>
internal sealed record TypeHelp(string TypeName, HelpText Description);

/// <summary>A RELATED LINKS entry. <see cref="Uri"/> is empty for links to other help topics in docs/.</summary>
internal sealed record LinkHelp(string Text, string Uri);
