using System.Collections;
using System.Globalization;
using System.Management.Automation;
using Rinkel.PowerShell.Tests.Infrastructure;

namespace Rinkel.PowerShell.Tests;

/// <summary>
/// The help users get from Get-Help, read through the engine from the built module (out/Rinkel/en-US, generated
/// from docs/ by src/Rinkel.HelpBuilder), checked against the cmdlets themselves: every parameter a cmdlet has is
/// documented with its real type, pipeline binding, aliases and default, and nothing else is.
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class HelpTests
{
    public static readonly TheoryData<string> Cmdlets = new() { "Connect-Rinkel", "Disconnect-Rinkel", "Get-RinkelCallRecord", "Get-RinkelConnection", "Get-RinkelNumber", "Get-RinkelRecording", "Get-RinkelUser", "Get-RinkelVoicemail", "Get-RinkelWebhook", "Register-RinkelWebhook", "Save-RinkelAudio", "Set-RinkelWebhook", "Test-RinkelWebhook", "Unregister-RinkelWebhook" };

    // Extracts what a reader of Get-Help -Full sees into plain strings. Only engine cmdlets and statements:
    // Microsoft.PowerShell.Utility is not loaded in this host. foreach, unlike ForEach-Object, skips a $null list
    // (a cmdlet without parameters has no .parameters.parameter).
    private const string ReadHelp = """
        $h = Get-Help -Name $args[0] -Full
        function Text($paras) { [string](@(foreach ($p in $paras) { $p.Text }) -join "`n") }
        [pscustomobject]@{
            TypeNames   = [string[]]@($h.PSObject.TypeNames)
            Synopsis    = [string]$h.Synopsis
            Description = Text $h.description
            Examples    = [object[]]@(foreach ($e in $h.examples.example) {
                [pscustomobject]@{ Title = [string]$e.title; Code = [string]$e.code; Remarks = Text $e.remarks } })
            Parameters  = [object[]]@(foreach ($p in $h.parameters.parameter) {
                [pscustomobject]@{
                    Name = [string]$p.name; Type = [string]$p.type.name; PipelineInput = [string]$p.pipelineInput
                    Required = [string]$p.required; Position = [string]$p.position; Aliases = [string]$p.aliases
                    DefaultValue = [string]$p.defaultValue; Description = Text $p.description } })
            Syntax      = [string[]]@(foreach ($s in $h.syntax.syntaxItem) { @(foreach ($p in $s.parameter) { $p.name }) -join ',' })
            Outputs     = [string[]]@(foreach ($r in $h.returnValues.returnValue) { $r.type.name })
            Links       = [object[]]@(foreach ($l in $h.relatedLinks.navigationLink) {
                [pscustomobject]@{ Text = [string]$l.linkText; Uri = [string]$l.uri } })
        }
        """;

    // What the engine knows about the cmdlet, without the common parameters that Get-Help documents by itself.
    // WhatIf and Confirm stay: a cmdlet has them only when it supports ShouldProcess, and platyPS documents them.
    private const string ReadCommand = """
        $c = Get-Command -Name $args[0]
        $common = @([System.Management.Automation.Cmdlet]::CommonParameters) + @('UseTransaction')
        [pscustomobject]@{
            Parameters = [object[]]@($c.Parameters.Values | Where-Object { $common -notcontains $_.Name } | ForEach-Object {
                $sets = @($_.ParameterSets.Values)
                [pscustomobject]@{
                    Name = $_.Name; Type = $_.ParameterType; Aliases = [string[]]@($_.Aliases)
                    Mandatory = [bool[]]@($sets | ForEach-Object { $_.IsMandatory })
                    Position = [int[]]@($sets | ForEach-Object { $_.Position })
                    ByValue = [bool]@($sets | Where-Object { $_.ValueFromPipeline }).Count
                    ByPropertyName = [bool]@($sets | Where-Object { $_.ValueFromPipelineByPropertyName }).Count } })
            ParameterSets = [string[]]@($c.ParameterSets | ForEach-Object {
                @($_.Parameters | Where-Object { $common -notcontains $_.Name } | ForEach-Object { $_.Name }) -join ',' })
            OutputTypes = [string[]]@($c.OutputType | ForEach-Object { $_.Name })
            ImplementingType = $c.ImplementingType
        }
        """;

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Get_Help_shows_the_synopsis_and_description_from_the_help_file(string name)
    {
        var help = Help(name);

        // Without a help file, Get-Help makes up a help object whose synopsis is the syntax.
        Assert.Contains("MamlCommandHelpInfo", help.TypeNames);
        Assert.False(string.IsNullOrWhiteSpace(help.Synopsis));
        Assert.DoesNotContain("[<CommonParameters>]", help.Synopsis);
        Assert.False(help.Synopsis.StartsWith(name, StringComparison.OrdinalIgnoreCase), $"The synopsis of {name} is the generated syntax: {help.Synopsis}");
        Assert.True(help.Description.Length > 100, $"The description of {name} is too short to help: '{help.Description}'");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Get_Help_shows_at_least_three_examples_each_with_code(string name)
    {
        var help = Help(name);

        Assert.True(help.Examples.Count >= 3, $"{name} has {help.Examples.Count} example(s).");
        Assert.All(help.Examples, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Title));
            Assert.False(string.IsNullOrWhiteSpace(e.Code), $"Example '{e.Title}' of {name} has no code.");
        });
        Assert.Equal(help.Examples.Count, help.Examples.Select(e => e.Title).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void The_documented_parameters_are_exactly_the_cmdlet_parameters(string name)
    {
        var help = Help(name);
        var command = Command(name);

        Assert.Equal(command.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal), help.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Each_documented_parameter_states_the_type_pipeline_binding_position_and_aliases_of_the_cmdlet(string name)
    {
        var help = Help(name);
        foreach (var actual in Command(name).Parameters)
        {
            var documented = Assert.Single(help.Parameters, p => p.Name == actual.Name);
            var where = $"{name} -{actual.Name}";
            Assert.True(documented.Type == actual.Type.Name || documented.Type == actual.Type.FullName,
                $"{where} is documented as {documented.Type} but is {actual.Type.FullName}.");
            Assert.False(string.IsNullOrWhiteSpace(documented.Description), $"{where} has no description.");

            var pipeline = documented.PipelineInput;
            Assert.Equal(actual.ByValue || actual.ByPropertyName, pipeline.StartsWith("True", StringComparison.OrdinalIgnoreCase));
            Assert.True(actual.ByValue == pipeline.Contains("ByValue", StringComparison.Ordinal), $"{where}: ByValue is {actual.ByValue}, help says '{pipeline}'.");
            Assert.True(actual.ByPropertyName == pipeline.Contains("ByPropertyName", StringComparison.Ordinal), $"{where}: ByPropertyName is {actual.ByPropertyName}, help says '{pipeline}'.");

            // One yaml block states one value: a parameter that differs between its sets needs a closer look.
            var mandatory = Assert.Single(actual.Mandatory.Distinct());
            Assert.Equal(mandatory.ToString(CultureInfo.InvariantCulture), documented.Required, ignoreCase: true);
            var position = Assert.Single(actual.Position.Distinct());
            Assert.Equal(position == int.MinValue ? "named" : position.ToString(CultureInfo.InvariantCulture), documented.Position, ignoreCase: true);

            var aliases = documented.Aliases == "none" ? Array.Empty<string>() : documented.Aliases.Split(',', StringSplitOptions.TrimEntries);
            Assert.Equal(actual.Aliases.Order(StringComparer.Ordinal), aliases.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Each_syntax_of_the_help_is_a_parameter_set_of_the_cmdlet(string name)
    {
        static string Normalize(string names) => string.Join(",", names.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

        var help = Help(name);
        var command = Command(name);

        Assert.Equal(command.ParameterSets.Select(Normalize).Order(StringComparer.Ordinal), help.Syntax.Select(Normalize).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Documented_defaults_are_the_defaults_of_the_cmdlet(string name)
    {
        var help = Help(name);
        var command = Command(name);
        var instance = Activator.CreateInstance(command.ImplementingType)!;
        try
        {
            foreach (var documented in help.Parameters)
            {
                // The paging parameters live on the engine's PagingParameters, not on the cmdlet class.
                var property = command.ImplementingType.GetProperty(documented.Name);
                if (property == null) continue;
                var expected = property.GetValue(instance) switch
                {
                    null => "None",
                    SwitchParameter s => s.IsPresent.ToString(CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var other => other.ToString(),
                };
                Assert.True(expected == documented.DefaultValue, $"{name} -{documented.Name} defaults to {expected}; the help says {documented.DefaultValue}.");
            }
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Outputs_name_the_output_types_and_the_online_version_is_the_doc(string name)
    {
        var help = Help(name);
        var command = Command(name);

        foreach (var type in command.OutputTypes.Where(t => t != "System.Void")) Assert.Contains(type, help.Outputs);
        Assert.NotEmpty(help.Outputs);
        var online = Assert.Single(help.Links, l => l.Text == "Online Version:");
        Assert.EndsWith($"/docs/{name}.md", online.Uri);
        Assert.Contains(help.Links, l => l.Text == "about_Rinkel");
    }

    [Fact]
    public void Get_RinkelUser_has_an_example_that_filters_with_Where_Object_and_exports_with_Export_Csv()
    {
        var help = Help("Get-RinkelUser");

        Assert.Contains(help.Examples, e => e.Code.Contains("Where-Object", StringComparison.Ordinal) && e.Code.Contains("Export-Csv", StringComparison.Ordinal));
        Assert.Contains(help.Examples, e => e.Code.Contains("Import-Csv", StringComparison.Ordinal) && e.Code.Contains("| Get-RinkelUser", StringComparison.Ordinal));
    }

    [Fact]
    public void Connect_Rinkel_has_runbook_examples_with_a_credential_and_with_the_environment_variable()
    {
        var help = Help("Connect-Rinkel");

        Assert.Contains(help.Examples, e => e.Code.Contains("Get-AutomationPSCredential", StringComparison.Ordinal) && e.Code.Contains("Connect-Rinkel -Credential", StringComparison.Ordinal));
        Assert.Contains(help.Examples, e => (e.Code + e.Remarks).Contains("RINKEL_API_KEY", StringComparison.Ordinal));
        Assert.Contains(help.Examples, e => e.Code.Contains("-BaseUri http://127.0.0.1:5180/v1", StringComparison.Ordinal) && e.Remarks.Contains("rinkel-sandbox-key", StringComparison.Ordinal));
    }

    [Fact]
    public void Get_Help_about_Rinkel_shows_the_about_topic()
    {
        using var session = new ModuleSession();
        var text = string.Join("\n", session.Run("Get-Help -Name about_Rinkel").ThrowIfFailed().Output.Select(o => o.ToString()));

        Assert.Contains("about_Rinkel", text);
        foreach (var heading in new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION", "CONNECTING", "SECRETS IN RUNBOOKS", "PAGING", "ERRORS AND RETRIES", "THE SANDBOX", "SEE ALSO" })
            Assert.Contains("\n" + heading + "\n", text);
        foreach (var fact in new[] { "Get-AutomationPSCredential", "RINKEL_API_KEY", "-IncludeTotalCount", "RinkelNotConnected", "Retry-After", "rinkel-sandbox-key" })
            Assert.Contains(fact, text);
    }

    [Fact]
    public void The_about_topic_file_is_plain_text_wrapped_at_80_columns()
    {
        var path = Path.Combine(ModuleSession.ModuleDirectory, "en-US", "about_Rinkel.help.txt");
        var lines = File.ReadAllText(path).Split('\n');

        Assert.Equal(new[] { "TOPIC", "    about_Rinkel", "" }, lines.Take(3).Select(l => l.TrimStart('\uFEFF')));
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        Assert.DoesNotContain(lines, l => l.StartsWith('#') || l.Contains("```", StringComparison.Ordinal) || l.Contains("](", StringComparison.Ordinal));
    }

    private static HelpView Help(string name)
    {
        using var session = new ModuleSession();
        var o = Assert.Single(session.Run(ReadHelp, name).ThrowIfFailed().Output);
        return new HelpView(
            Strings(o, "TypeNames"),
            Str(o, "Synopsis"),
            Str(o, "Description"),
            Objects(o, "Examples").Select(e => new ExampleView(Str(e, "Title"), Str(e, "Code"), Str(e, "Remarks"))).ToList(),
            Objects(o, "Parameters").Select(p => new ParameterView(Str(p, "Name"), Str(p, "Type"), Str(p, "PipelineInput"), Str(p, "Required"),
                Str(p, "Position"), Str(p, "Aliases"), Str(p, "DefaultValue"), Str(p, "Description"))).ToList(),
            Strings(o, "Syntax"),
            Strings(o, "Outputs"),
            Objects(o, "Links").Select(l => new LinkView(Str(l, "Text"), Str(l, "Uri"))).ToList());
    }

    private static CommandView Command(string name)
    {
        using var session = new ModuleSession();
        var o = Assert.Single(session.Run(ReadCommand, name).ThrowIfFailed().Output);
        return new CommandView(
            Objects(o, "Parameters").Select(p => new ParameterMetadataView(
                Str(p, "Name"), (Type)Value(p, "Type")!, Strings(p, "Aliases"),
                Items(Value(p, "Mandatory")).Cast<bool>().ToList(), Items(Value(p, "Position")).Cast<int>().ToList(),
                (bool)Value(p, "ByValue")!, (bool)Value(p, "ByPropertyName")!)).ToList(),
            Strings(o, "ParameterSets"),
            Strings(o, "OutputTypes"),
            (Type)Value(o, "ImplementingType")!);
    }

    // Unwraps values, but keeps [pscustomobject]s wrapped: their properties live on the wrapper.
    private static object? Value(PSObject o, string name) =>
        o.Properties[name]?.Value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : o.Properties[name]?.Value;

    private static string Str(PSObject o, string name) => Value(o, name)?.ToString() ?? "";

    private static IEnumerable<object> Items(object? value) =>
        value is IEnumerable items and not string ? items.Cast<object>().Select(i => i is PSObject p && p.BaseObject is not PSCustomObject ? p.BaseObject : i) : [];

    private static List<string> Strings(PSObject o, string name) => Items(Value(o, name)).Select(i => i.ToString() ?? "").ToList();

    private static List<PSObject> Objects(PSObject o, string name) => Items(Value(o, name)).Select(PSObject.AsPSObject).ToList();

    private sealed record HelpView(List<string> TypeNames, string Synopsis, string Description, List<ExampleView> Examples,
        List<ParameterView> Parameters, List<string> Syntax, List<string> Outputs, List<LinkView> Links);

    private sealed record ExampleView(string Title, string Code, string Remarks);

    private sealed record ParameterView(string Name, string Type, string PipelineInput, string Required, string Position, string Aliases, string DefaultValue, string Description);

    private sealed record LinkView(string Text, string Uri);

    private sealed record CommandView(List<ParameterMetadataView> Parameters, List<string> ParameterSets, List<string> OutputTypes, Type ImplementingType);

    private sealed record ParameterMetadataView(string Name, Type Type, List<string> Aliases, List<bool> Mandatory, List<int> Position, bool ByValue, bool ByPropertyName);
}
