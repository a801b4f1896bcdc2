namespace Rinkel.HelpBuilder.Model;

[Flags]
internal enum PipelineInput
{
    None = 0,
    ByValue = 1,
    ByPropertyName = 2,
    FromRemainingArguments = 4,
}

/// <summary>A parameter: its description and the facts of its ```yaml block.</summary>
internal sealed record ParameterHelp(
    string Name,
    int Line,
    HelpText Description,
    string Type,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<string> Aliases,
    bool Required,
    int? Position,
    string DefaultValue,
    PipelineInput PipelineInput,
    bool AcceptsWildcards)
{
    /// <summary>"(All)" in the yaml: the parameter is in every parameter set.</summary>
    public bool InAllSets => ParameterSets.Count == 0;

    public bool IsSwitch => Type is "SwitchParameter" or "System.Management.Automation.SwitchParameter";

    public bool IsArray => Type.EndsWith("[]", StringComparison.Ordinal);

    public bool IsIn(string set) => InAllSets || ParameterSets.Contains(set, StringComparer.OrdinalIgnoreCase);

    /// <summary>The form PowerShell shows and platyPS writes: "False", or "True (ByPropertyName, ByValue)".</summary>
    public string PipelineInputText
    {
        get
        {
            if (PipelineInput == PipelineInput.None) return "False";
            var kinds = new List<string>();
            if (PipelineInput.HasFlag(PipelineInput.ByPropertyName)) kinds.Add(nameof(PipelineInput.ByPropertyName));
            if (PipelineInput.HasFlag(PipelineInput.ByValue)) kinds.Add(nameof(PipelineInput.ByValue));
            if (PipelineInput.HasFlag(PipelineInput.FromRemainingArguments)) kinds.Add(nameof(PipelineInput.FromRemainingArguments));
            return "True (" + string.Join(", ", kinds) + ")";
        }
    }
}
