using System.Globalization;
using System.Text.RegularExpressions;
using Rinkel.HelpBuilder.Markdown;
using Rinkel.HelpBuilder.Model;

namespace Rinkel.HelpBuilder.Parsing;

/// <summary>
/// Reads the ```yaml block of a parameter: the flat "Key: value" lines platyPS writes. Every key is required
/// and unknown keys are errors, so a typo ("Posistion") fails the build instead of silently losing a fact.
/// </summary>
internal static partial class ParameterYaml
{
    public const string Type = "Type";
    public const string ParameterSets = "Parameter Sets";
    public const string Aliases = "Aliases";
    public const string Required = "Required";
    public const string Position = "Position";
    public const string DefaultValue = "Default value";
    public const string AcceptPipelineInput = "Accept pipeline input";
    public const string Wildcards = "Accept wildcard characters";

    public static readonly IReadOnlyList<string> Keys = [Type, ParameterSets, Aliases, Required, Position, DefaultValue, AcceptPipelineInput, Wildcards];

    public static ParameterHelp? Parse(string path, string name, int headingLine, HelpText description, MarkdownBlock yaml, DocDiagnostics diagnostics)
    {
        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        var lines = yaml.Text.Split('\n');
        var ok = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var lineNumber = yaml.Line + 1 + i;
            if (line.Trim().Length == 0) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var key = colon > 0 ? line[..colon].Trim() : string.Empty;
            if (colon <= 0 || !Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                diagnostics.Error(path, lineNumber, ErrorCodes.InvalidYaml,
                    $"Parameter -{name}: '{line.Trim()}' is not one of the keys {string.Join(", ", Keys)}.");
                ok = false;
                continue;
            }
            if (!values.TryAdd(key, (line[(colon + 1)..].Trim(), lineNumber)))
            {
                diagnostics.Error(path, lineNumber, ErrorCodes.InvalidYaml, $"Parameter -{name}: the key '{key}' is given twice.");
                ok = false;
            }
        }

        foreach (var key in Keys.Where(k => !values.ContainsKey(k)))
        {
            diagnostics.Error(path, yaml.Line, ErrorCodes.InvalidYaml, $"Parameter -{name}: the yaml block has no '{key}:' line.");
            ok = false;
        }
        if (!ok) return null;

        string Value(string key) => values[key].Value;
        int LineOf(string key) => values[key].Line;

        var type = Value(Type);
        if (type.Length == 0)
        {
            diagnostics.Error(path, LineOf(Type), ErrorCodes.InvalidYaml, $"Parameter -{name}: 'Type:' is empty.");
            ok = false;
        }

        var sets = Value(ParameterSets);
        IReadOnlyList<string> setNames = sets.Equals("(All)", StringComparison.OrdinalIgnoreCase)
            ? []
            : sets.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (sets.Length == 0 || (setNames.Count == 0 && !sets.Equals("(All)", StringComparison.OrdinalIgnoreCase)))
        {
            diagnostics.Error(path, LineOf(ParameterSets), ErrorCodes.InvalidYaml, $"Parameter -{name}: 'Parameter Sets:' must be (All) or a comma-separated list of set names.");
            ok = false;
        }

        var aliasText = Value(Aliases);
        IReadOnlyList<string> aliases = aliasText.Length == 0 || aliasText.Equals("None", StringComparison.OrdinalIgnoreCase)
            ? []
            : aliasText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        var required = Boolean(path, name, Required, Value(Required), LineOf(Required), diagnostics, ref ok);
        var wildcards = Boolean(path, name, Wildcards, Value(Wildcards), LineOf(Wildcards), diagnostics, ref ok);

        int? position = null;
        var positionText = Value(Position);
        if (int.TryParse(positionText, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) position = number;
        else if (!positionText.Equals("Named", StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Error(path, LineOf(Position), ErrorCodes.InvalidYaml, $"Parameter -{name}: 'Position:' must be Named or a number, not '{positionText}'.");
            ok = false;
        }

        var pipeline = Pipeline(Value(AcceptPipelineInput));
        if (pipeline == null)
        {
            diagnostics.Error(path, LineOf(AcceptPipelineInput), ErrorCodes.InvalidYaml,
                $"Parameter -{name}: 'Accept pipeline input:' must be False or True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue), not '{Value(AcceptPipelineInput)}'.");
            ok = false;
        }

        var defaultValue = Value(DefaultValue);
        if (!ok) return null;
        return new ParameterHelp(name, headingLine, description, type, setNames, aliases, required, position,
            defaultValue.Length == 0 ? "None" : defaultValue, pipeline!.Value, wildcards);
    }

    private static bool Boolean(string path, string name, string key, string value, int line, DocDiagnostics diagnostics, ref bool ok)
    {
        if (bool.TryParse(value, out var result)) return result;
        diagnostics.Error(path, line, ErrorCodes.InvalidYaml, $"Parameter -{name}: '{key}:' must be True or False, not '{value}'.");
        ok = false;
        return false;
    }

    private static Model.PipelineInput? Pipeline(string text)
    {
        if (text.Equals("False", StringComparison.OrdinalIgnoreCase)) return Model.PipelineInput.None;
        var match = PipelineTrue().Match(text);
        if (!match.Success) return null;
        var result = Model.PipelineInput.None;
        foreach (var kind in match.Groups["kinds"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (char.IsAsciiDigit(kind[0]) || !Enum.TryParse<Model.PipelineInput>(kind, ignoreCase: true, out var flag) || flag == Model.PipelineInput.None) return null;
            result |= flag;
        }
        return result == Model.PipelineInput.None ? null : result;
    }

    [GeneratedRegex(@"^True\s*\((?<kinds>[^()]+)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex PipelineTrue();
}
