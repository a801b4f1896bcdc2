using System.Text.RegularExpressions;
using Rinkel.HelpBuilder.Markdown;
using Rinkel.HelpBuilder.Model;

namespace Rinkel.HelpBuilder.Parsing;

/// <summary>
/// Reads a cmdlet's help file in the platyPS layout (docs/Verb-Noun.md) and checks it is complete, so that a
/// missing section, a parameter without its yaml or an example without code fails the build with the line to fix.
/// </summary>
internal static partial class CommandDocParser
{
    public const string ExternalHelpFileKey = "external help file";
    public const string ModuleNameKey = "Module Name";
    public const string OnlineVersionKey = "online version";

    public const string Synopsis = "SYNOPSIS";
    public const string Syntax = "SYNTAX";
    public const string Description = "DESCRIPTION";
    public const string Examples = "EXAMPLES";
    public const string Parameters = "PARAMETERS";
    public const string Inputs = "INPUTS";
    public const string Outputs = "OUTPUTS";
    public const string Notes = "NOTES";
    public const string RelatedLinks = "RELATED LINKS";

    /// <summary>The ## sections of the layout, in the order platyPS writes them. All are required.</summary>
    public static readonly IReadOnlyList<string> Sections = [Synopsis, Syntax, Description, Examples, Parameters, Inputs, Outputs, Notes, RelatedLinks];

    private const string CommonParameters = "CommonParameters";

    /// <summary>Whether a file without command front matter still looks like command help (so it is not skipped).</summary>
    public static bool LooksLikeCommandHelp(MarkdownDocument document) =>
        document.Blocks.Any(b => b.IsHeading(2) && b.Text.Equals(Synopsis, StringComparison.OrdinalIgnoreCase));

    public static CommandHelp? Parse(MarkdownDocument document, DocDiagnostics diagnostics)
    {
        var path = document.Path;
        var errorsBefore = diagnostics.Items.Count;

        var helpFile = FrontMatter(document, ExternalHelpFileKey, diagnostics);
        FrontMatter(document, ModuleNameKey, diagnostics);
        document.FrontMatter.TryGetValue(OnlineVersionKey, out var online);

        var name = Title(document, diagnostics);
        if (name == null) return null;

        var sections = SectionsByName(document, diagnostics);
        string synopsis = string.Empty;
        var description = HelpText.Empty;
        var notes = HelpText.Empty;
        List<(SyntaxSet Set, IReadOnlyList<SyntaxEntry> Entries, int Line)> syntax = [];
        List<ExampleHelp> examples = [];
        List<ParameterHelp> parameters = [];
        List<TypeHelp> inputs = [];
        List<TypeHelp> outputs = [];
        List<LinkHelp> links = [];

        if (sections.TryGetValue(Synopsis, out var section))
        {
            synopsis = Prose(path, section, diagnostics).ToSingleLine();
            if (synopsis.Length == 0) diagnostics.Error(path, section.Line, ErrorCodes.EmptyText, "## SYNOPSIS is empty: write one sentence saying what the cmdlet does.");
        }
        if (sections.TryGetValue(Description, out section))
        {
            description = Prose(path, section, diagnostics);
            if (description.IsEmpty) diagnostics.Error(path, section.Line, ErrorCodes.EmptyText, "## DESCRIPTION is empty.");
        }
        if (sections.TryGetValue(Syntax, out section)) syntax = ReadSyntax(path, name, section, diagnostics);
        if (sections.TryGetValue(Examples, out section)) examples = ReadExamples(path, section, diagnostics);
        var documented = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (sections.TryGetValue(Parameters, out section)) parameters = ReadParameters(path, section, documented, diagnostics);
        if (sections.TryGetValue(Inputs, out section)) inputs = ReadTypes(path, section, diagnostics);
        if (sections.TryGetValue(Outputs, out section)) outputs = ReadTypes(path, section, diagnostics);
        if (sections.TryGetValue(Notes, out section)) notes = Prose(path, section, diagnostics);
        if (sections.TryGetValue(RelatedLinks, out section)) links = ReadLinks(path, section, diagnostics);

        if (sections.ContainsKey(Syntax) && sections.ContainsKey(Parameters)) CheckSyntax(path, syntax, parameters, documented, diagnostics);

        if (!string.IsNullOrEmpty(online?.Value))
        {
            if (InlineText.IsAbsolute(online.Value)) links.Insert(0, new LinkHelp("Online Version:", online.Value));
            else diagnostics.Error(path, online.Line, ErrorCodes.InvalidFrontMatter, $"'online version' must be an absolute URL, not '{online.Value}'.");
        }

        if (diagnostics.Items.Count > errorsBefore) return null;
        return new CommandHelp(name, path, helpFile!, online?.Value, synopsis, description, syntax.Select(s => s.Set).ToList(),
            examples, parameters, inputs, outputs, notes, links);
    }

    private static string? FrontMatter(MarkdownDocument document, string key, DocDiagnostics diagnostics)
    {
        if (document.FrontMatter.TryGetValue(key, out var entry) && entry.Value.Length > 0) return entry.Value;
        diagnostics.Error(document.Path, entry?.Line ?? 1, ErrorCodes.MissingSection, $"The front matter has no '{key}:' value.");
        return null;
    }

    private static string? Title(MarkdownDocument document, DocDiagnostics diagnostics)
    {
        var first = document.Blocks.FirstOrDefault();
        if (first == null || !first.IsHeading(1))
        {
            diagnostics.Error(document.Path, first?.Line ?? 1, ErrorCodes.MissingSection, "The file must start (after the front matter) with '# Verb-Noun', the command name.");
            return null;
        }
        var name = first.Text;
        if (!CommandName().IsMatch(name))
            diagnostics.Error(document.Path, first.Line, ErrorCodes.NameMismatch, $"'{name}' is not a command name of the form Verb-Noun.");
        else if (!string.Equals(name, document.BaseName, StringComparison.Ordinal))
            diagnostics.Error(document.Path, first.Line, ErrorCodes.NameMismatch, $"The title '# {name}' does not match the file name '{document.BaseName}.md'.");
        return name;
    }

    private static Dictionary<string, Section> SectionsByName(MarkdownDocument document, DocDiagnostics diagnostics)
    {
        var path = document.Path;
        var body = document.Blocks.Skip(1).ToList();
        foreach (var block in body.Where(b => b.IsHeading(1)))
            diagnostics.Error(path, block.Line, ErrorCodes.UnexpectedSection, $"A second title '# {block.Text}': a help file documents one command.");
        foreach (var block in body.TakeWhile(b => !b.IsHeading(2)).Where(b => !b.IsHeading(1)))
            diagnostics.Error(path, block.Line, ErrorCodes.UnexpectedContent, "Content between the title and ## SYNOPSIS has no place in help.");

        var sections = new Dictionary<string, Section>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in Section.Split(body, 2))
        {
            if (!Sections.Contains(section.Title, StringComparer.OrdinalIgnoreCase))
                diagnostics.Error(path, section.Line, ErrorCodes.UnexpectedSection, $"Unknown section '## {section.Title}'; the sections are {string.Join(", ", Sections)}.");
            else if (!sections.TryAdd(section.Title, section))
                diagnostics.Error(path, section.Line, ErrorCodes.UnexpectedSection, $"The section '## {section.Title}' is given twice.");
        }
        foreach (var missing in Sections.Where(s => !sections.ContainsKey(s)))
            diagnostics.Error(path, document.Blocks[0].Line, ErrorCodes.MissingSection, $"The section '## {missing}' is missing.");
        return sections;
    }

    // A section of plain prose: no subsections.
    private static HelpText Prose(string path, Section section, DocDiagnostics diagnostics)
    {
        foreach (var heading in section.Body.Where(b => b.Kind == BlockKind.Heading))
            diagnostics.Error(path, heading.Line, ErrorCodes.UnexpectedSection, $"## {section.Title} cannot have subsections ('{heading.Text}').");
        return HelpText.From(section.Body.Where(b => b.Kind != BlockKind.Heading));
    }

    private static void NoLead(string path, Section section, string expected, DocDiagnostics diagnostics)
    {
        foreach (var block in section.Lead(3))
            diagnostics.Error(path, block.Line, ErrorCodes.UnexpectedContent, $"## {section.Title} holds only {expected}; move this text into one of them.");
    }

    private static List<(SyntaxSet, IReadOnlyList<SyntaxEntry>, int)> ReadSyntax(string path, string command, Section section, DocDiagnostics diagnostics)
    {
        var result = new List<(SyntaxSet, IReadOnlyList<SyntaxEntry>, int)>();
        var children = section.Children(3);
        if (children.Count == 0)
        {
            // A cmdlet with a single parameter set may give its syntax block directly under ## SYNTAX.
            var code = section.Lead(3).Where(b => b.Kind == BlockKind.Code).ToList();
            if (code.Count != 1 || section.Lead(3).Count != 1)
            {
                diagnostics.Error(path, section.Line, ErrorCodes.MissingSection, "## SYNTAX needs one ### subsection per parameter set, each with one code block.");
                return result;
            }
            Add(SyntaxSet.AllParameterSets, false, code[0]);
            return result;
        }

        NoLead(path, section, "### subsections, one per parameter set", diagnostics);
        foreach (var child in children)
        {
            var match = SetTitle().Match(child.Title);
            var code = child.Body.Where(b => b.Kind == BlockKind.Code).ToList();
            foreach (var other in child.Body.Where(b => b.Kind != BlockKind.Code))
                diagnostics.Error(path, other.Line, ErrorCodes.UnexpectedContent, $"### {child.Title} under ## SYNTAX holds only its code block.");
            if (!match.Success)
                diagnostics.Error(path, child.Line, ErrorCodes.SyntaxMismatch, $"'### {child.Title}' is not a parameter set name (optionally followed by ' (Default)').");
            else if (code.Count != 1)
                diagnostics.Error(path, child.Line, ErrorCodes.MissingSection, $"Parameter set '{child.Title}' needs exactly one code block with its syntax line; it has {code.Count}.");
            else if (result.Any(r => r.Item1.Name.Equals(match.Groups["name"].Value, StringComparison.OrdinalIgnoreCase)))
                diagnostics.Error(path, child.Line, ErrorCodes.Duplicate, $"Parameter set '{match.Groups["name"].Value}' is given twice.");
            else
                Add(match.Groups["name"].Value, match.Groups["default"].Success, code[0]);
        }
        if (result.Count > 1 && result.Any(r => r.Item1.Name == SyntaxSet.AllParameterSets))
            diagnostics.Error(path, section.Line, ErrorCodes.SyntaxMismatch, $"{SyntaxSet.AllParameterSets} means the cmdlet has a single parameter set; name each set instead.");
        if (result.Count(r => r.Item1.IsDefault) > 1)
            diagnostics.Error(path, section.Line, ErrorCodes.SyntaxMismatch, "More than one parameter set is marked (Default).");
        return result;

        void Add(string name, bool isDefault, MarkdownBlock code)
        {
            var entries = SyntaxLine.Parse(code.Text, command, out var error);
            if (entries == null)
            {
                diagnostics.Error(path, code.Line + 1, ErrorCodes.SyntaxMismatch, error!);
                return;
            }
            result.Add((new SyntaxSet(name, isDefault, entries.Select(e => e.Name).ToList()), entries, code.Line + 1));
        }
    }

    private static List<ExampleHelp> ReadExamples(string path, Section section, DocDiagnostics diagnostics)
    {
        var examples = new List<ExampleHelp>();
        NoLead(path, section, "### examples", diagnostics);
        var children = section.Children(3);
        if (children.Count == 0)
            diagnostics.Error(path, section.Line, ErrorCodes.MissingSection, "## EXAMPLES has no '### Example 1: ...' subsection.");
        foreach (var child in children)
        {
            foreach (var heading in child.Body.Where(b => b.Kind == BlockKind.Heading))
                diagnostics.Error(path, heading.Line, ErrorCodes.UnexpectedSection, $"Example '{child.Title}' cannot have subsections ('{heading.Text}').");
            // A ```output block shows what the code prints: it belongs with the remarks, not in the code to type.
            var code = child.Body.Where(b => b.Kind == BlockKind.Code && !IsOutput(b)).ToList();
            if (code.Count == 0)
            {
                diagnostics.Error(path, child.Line, ErrorCodes.ExampleWithoutCode, $"Example '{child.Title}' has no code block.");
                continue;
            }
            // Several code blocks in one example read as one script, as platyPS joins them.
            var remarks = HelpText.From(child.Body.Where(b => b.Kind is BlockKind.Paragraph or BlockKind.ListItem || IsOutput(b)));
            examples.Add(new ExampleHelp(child.Title, string.Join("\n\n", code.Select(c => c.Text.Trim('\n'))), remarks));
        }
        return examples;

        static bool IsOutput(MarkdownBlock block) => block.Kind == BlockKind.Code && block.Info.Equals("output", StringComparison.OrdinalIgnoreCase);
    }

    // documented: every "### -Name" title, including those whose yaml failed, so that their errors do not cascade.
    private static List<ParameterHelp> ReadParameters(string path, Section section, HashSet<string> documented, DocDiagnostics diagnostics)
    {
        var parameters = new List<ParameterHelp>();
        NoLead(path, section, "### -Name subsections", diagnostics);
        foreach (var child in section.Children(3))
        {
            if (child.Title.Equals(CommonParameters, StringComparison.OrdinalIgnoreCase)) continue;
            var match = ParameterTitle().Match(child.Title);
            if (!match.Success)
            {
                diagnostics.Error(path, child.Line, ErrorCodes.UnexpectedSection, $"'### {child.Title}' under ## PARAMETERS must be '### -Name' or '### CommonParameters'.");
                continue;
            }
            var name = match.Groups["name"].Value;
            documented.Add(name);
            foreach (var heading in child.Body.Where(b => b.Kind == BlockKind.Heading))
                diagnostics.Error(path, heading.Line, ErrorCodes.UnexpectedSection, $"Parameter -{name} cannot have subsections ('{heading.Text}').");

            var yaml = child.Body.Where(IsYaml).ToList();
            var description = HelpText.From(child.Body.Where(b => b.Kind != BlockKind.Heading && !IsYaml(b)));
            if (description.IsEmpty)
                diagnostics.Error(path, child.Line, ErrorCodes.EmptyText, $"Parameter -{name} has no description.");
            if (yaml.Count != 1)
            {
                diagnostics.Error(path, child.Line, ErrorCodes.MissingYaml, yaml.Count == 0
                    ? $"Parameter -{name} has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input, Accept wildcard characters)."
                    : $"Parameter -{name} has {yaml.Count} ```yaml blocks; write one (the builder does not support per-set differences).");
                continue;
            }
            if (parameters.Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                diagnostics.Error(path, child.Line, ErrorCodes.Duplicate, $"Parameter -{name} is documented twice.");
                continue;
            }
            var parameter = ParameterYaml.Parse(path, name, child.Line, description, yaml[0], diagnostics);
            if (parameter != null) parameters.Add(parameter);
        }
        return parameters;

        static bool IsYaml(MarkdownBlock block) => block.Kind == BlockKind.Code && block.Info.Equals("yaml", StringComparison.OrdinalIgnoreCase);
    }

    private static List<TypeHelp> ReadTypes(string path, Section section, DocDiagnostics diagnostics)
    {
        var types = new List<TypeHelp>();
        NoLead(path, section, "### TypeName subsections", diagnostics);
        var children = section.Children(3);
        if (children.Count == 0)
            diagnostics.Error(path, section.Line, ErrorCodes.MissingSection, $"## {section.Title} lists no type; write '### None' when there is none.");
        foreach (var child in children)
        {
            foreach (var heading in child.Body.Where(b => b.Kind == BlockKind.Heading))
                diagnostics.Error(path, heading.Line, ErrorCodes.UnexpectedSection, $"### {child.Title} cannot have subsections ('{heading.Text}').");
            types.Add(new TypeHelp(child.Title, HelpText.From(child.Body.Where(b => b.Kind != BlockKind.Heading))));
        }
        return types;
    }

    private static List<LinkHelp> ReadLinks(string path, Section section, DocDiagnostics diagnostics)
    {
        var links = new List<LinkHelp>();
        foreach (var block in section.Body)
        {
            if (block.Kind is not (BlockKind.Paragraph or BlockKind.ListItem))
            {
                diagnostics.Error(path, block.Line, ErrorCodes.InvalidLink, "## RELATED LINKS holds only Markdown links, one per line.");
                continue;
            }
            var lines = block.Lines;
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (InlineText.TryLink(line, 0, out var text, out var target, out var length) && length == line.Length && text.Trim().Length > 0)
                    links.Add(new LinkHelp(InlineText.ToPlain(text.Trim()), InlineText.IsAbsolute(target) ? target : string.Empty));
                else
                    diagnostics.Error(path, block.Line + i, ErrorCodes.InvalidLink, $"'{line}' is not a Markdown link [text](target).");
            }
        }
        return links;
    }

    // The SYNTAX lines and the yaml blocks state the same facts twice; a built module must not contradict itself.
    private static void CheckSyntax(string path, List<(SyntaxSet Set, IReadOnlyList<SyntaxEntry> Entries, int Line)> syntax, List<ParameterHelp> parameters, HashSet<string> documented, DocDiagnostics diagnostics)
    {
        if (syntax.Count == 0) return;
        var setNames = syntax.Select(s => s.Set.Name).ToList();
        var single = syntax.Count == 1;
        foreach (var parameter in parameters.Where(p => !p.InAllSets))
        {
            foreach (var set in parameter.ParameterSets.Where(s => !setNames.Contains(s, StringComparer.OrdinalIgnoreCase)))
                diagnostics.Error(path, parameter.Line, ErrorCodes.SyntaxMismatch,
                    $"Parameter -{parameter.Name} names the parameter set '{set}', which ## SYNTAX does not have (it has {string.Join(", ", setNames)}).");
        }

        foreach (var (set, entries, line) in syntax)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in entries)
            {
                if (!seen.Add(entry.Name))
                {
                    diagnostics.Error(path, line, ErrorCodes.Duplicate, $"The syntax of '{set.Name}' shows -{entry.Name} twice.");
                    continue;
                }
                var parameter = parameters.FirstOrDefault(p => p.Name.Equals(entry.Name, StringComparison.OrdinalIgnoreCase));
                if (parameter == null)
                {
                    if (documented.Contains(entry.Name)) continue; // its own section already reported what is wrong
                    diagnostics.Error(path, line, ErrorCodes.SyntaxMismatch, $"The syntax of '{set.Name}' shows -{entry.Name}, but ## PARAMETERS has no '### -{entry.Name}'.");
                    continue;
                }
                if (!single && !parameter.IsIn(set.Name))
                    diagnostics.Error(path, line, ErrorCodes.SyntaxMismatch, $"The syntax of '{set.Name}' shows -{entry.Name}, but its yaml says 'Parameter Sets: {string.Join(", ", parameter.ParameterSets)}'.");
                if (entry.Optional == parameter.Required)
                    diagnostics.Error(path, line, ErrorCodes.SyntaxMismatch, $"The syntax of '{set.Name}' shows -{entry.Name} as {(entry.Optional ? "optional" : "required")}, but its yaml says 'Required: {parameter.Required}'.");
                if (entry.Positional != parameter.Position.HasValue)
                    diagnostics.Error(path, line, ErrorCodes.SyntaxMismatch, $"The syntax of '{set.Name}' shows -{entry.Name} as {(entry.Positional ? "positional" : "named")}, but its yaml says 'Position: {(parameter.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "Named")}'.");
                if (parameter.IsSwitch != (entry.ValueType == null) || (entry.ValueType != null && !entry.ValueType.Equals(parameter.Type, StringComparison.OrdinalIgnoreCase)))
                    diagnostics.Error(path, line, ErrorCodes.SyntaxMismatch, $"The syntax of '{set.Name}' shows -{entry.Name} {(entry.ValueType == null ? "as a switch" : "<" + entry.ValueType + ">")}, but its yaml says 'Type: {parameter.Type}'.");
            }
            foreach (var missing in parameters.Where(p => (single || p.IsIn(set.Name)) && !seen.Contains(p.Name)))
                diagnostics.Error(path, line, ErrorCodes.SyntaxMismatch, $"Parameter -{missing.Name} is in the parameter set '{set.Name}' but its syntax line does not show it.");
        }
    }

    [GeneratedRegex(@"^[A-Za-z]+-[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex CommandName();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:\s+(?<default>\(Default\)))?$", RegexOptions.IgnoreCase)]
    private static partial Regex SetTitle();

    [GeneratedRegex(@"^-(?<name>[A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex ParameterTitle();
}
