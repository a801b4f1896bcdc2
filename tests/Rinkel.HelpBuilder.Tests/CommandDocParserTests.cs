using static Rinkel.HelpBuilder.Tests.SampleDocs;

namespace Rinkel.HelpBuilder.Tests;

public sealed class CommandDocParserTests
{
    [Fact]
    public void A_complete_doc_reads_into_the_command_help()
    {
        var help = ValidCommand();

        Assert.Equal(("Get-Thing", "Get", "Thing", "Thing.dll-Help.xml"), (help.Name, help.Verb, help.Noun, help.ExternalHelpFile));
        Assert.Equal("Gets things.", help.Synopsis);
        Assert.Equal(
            [
                (ParagraphKind.Prose, "The `Get-Thing` cmdlet gets things from the store (https://example.com/store).", ""),
                (ParagraphKind.ListItem, "one Set-Thing", "-"),
                (ParagraphKind.ListItem, "two", "-"),
            ],
            help.Description.Paragraphs.Select(p => (p.Kind, p.Text, p.Marker)));
        Assert.Equal([("Name", true, new[] { "Name", "PassThru" }), ("Id", false, new[] { "Id", "PassThru" })],
            help.SyntaxSets.Select(s => (s.Name, s.IsDefault, s.ParameterNames.ToArray())).ToList(), new SetComparer());
        Assert.Equal(["Id", "Name", "PassThru"], help.Parameters.Select(p => p.Name));
        Assert.Equal(["System.String[]"], help.Inputs.Select(t => t.TypeName));
        Assert.Equal(["Thing.Item"], help.Outputs.Select(t => t.TypeName));
        Assert.Equal("Things are read-only.", Assert.Single(help.Notes.Paragraphs).Text);
        Assert.Equal(
            [("Online Version:", "https://example.com/docs/Get-Thing.md"), ("Set-Thing", ""), ("Thing docs", "https://example.com/thing")],
            help.Links.Select(l => (l.Text, l.Uri)));
    }

    [Fact]
    public void Parameter_yaml_becomes_typed_facts()
    {
        var help = ValidCommand();

        var id = help.Parameter("Id");
        Assert.Equal(("Int32", true, (int?)null, "None", "True (ByPropertyName)", false), (id.Type, id.Required, id.Position, id.DefaultValue, id.PipelineInputText, id.AcceptsWildcards));
        Assert.Equal(["ThingId", "Key"], id.Aliases);
        Assert.Equal(["Id"], id.ParameterSets);

        var name = help.Parameter("Name");
        Assert.Equal((0, "True (ByPropertyName, ByValue)", true, true), (name.Position, name.PipelineInputText, name.AcceptsWildcards, name.IsArray));
        Assert.Empty(name.Aliases);

        var passThru = help.Parameter("PassThru");
        Assert.True(passThru.InAllSets);
        Assert.True(passThru.IsSwitch);
    }

    [Fact]
    public void Examples_keep_code_apart_from_output_and_remarks()
    {
        var help = ValidCommand();

        var first = help.Examples[0];
        Assert.Equal(("Example 1: Get all things", "Get-Thing"), (first.Title, first.Code));
        Assert.Equal([(ParagraphKind.Code, "Name\n----\na"), (ParagraphKind.Prose, "Gets every thing.")], first.Remarks.Paragraphs.Select(p => (p.Kind, p.Text)));
        Assert.True(help.Examples[1].Remarks.IsEmpty);
    }

    [Theory]
    [InlineData("## SYNOPSIS")]
    [InlineData("## DESCRIPTION")]
    [InlineData("## EXAMPLES")]
    [InlineData("## PARAMETERS")]
    [InlineData("## INPUTS")]
    [InlineData("## OUTPUTS")]
    [InlineData("## NOTES")]
    [InlineData("## RELATED LINKS")]
    public void A_missing_section_is_an_error_naming_it(string heading)
    {
        var (help, diagnostics) = ParseCommand(Command.Replace(heading + "\n", heading.Replace("## ", "## X", StringComparison.Ordinal) + "\n", StringComparison.Ordinal));

        Assert.Null(help);
        var missing = Assert.Single(diagnostics.Items, e => e.Code == ErrorCodes.MissingSection);
        Assert.Equal((CommandPath, LineOf(Command, "# Get-Thing")), (missing.File, missing.Line));
        Assert.Contains($"'{heading}' is missing", missing.Message, StringComparison.Ordinal);
        var unknown = Assert.Single(diagnostics.Items, e => e.Code == ErrorCodes.UnexpectedSection);
        Assert.Equal(LineOf(Command, heading), unknown.Line);
    }

    [Fact]
    public void A_missing_front_matter_key_is_an_error()
    {
        var (help, diagnostics) = ParseCommand(Command.Replace("external help file: Thing.dll-Help.xml\n", "", StringComparison.Ordinal));

        Assert.Null(help);
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal((ErrorCodes.MissingSection, 1), (error.Code, error.Line));
        Assert.Contains("'external help file:'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_without_its_yaml_block_is_an_error_at_its_heading()
    {
        var start = Command.IndexOf("```yaml\nType: SwitchParameter", StringComparison.Ordinal);
        var end = Command.IndexOf("```\n", start + 8, StringComparison.Ordinal) + 4;
        var (help, diagnostics) = ParseCommand(Command.Remove(start, end - start));

        Assert.Null(help);
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal((CommandPath, LineOf(Command, "### -PassThru"), ErrorCodes.MissingYaml), (error.File, error.Line, error.Code));
        Assert.Contains("-PassThru has no ```yaml block", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{CommandPath}({error.Line}): error RH0003: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_yaml_blocks_for_one_parameter_are_an_error()
    {
        var yaml = Command[Command.IndexOf("```yaml\nType: SwitchParameter", StringComparison.Ordinal)..];
        yaml = yaml[..(yaml.IndexOf("```\n", 8, StringComparison.Ordinal) + 4)];
        var (_, diagnostics) = ParseCommand(Command.Replace(yaml, yaml + "\n" + yaml, StringComparison.Ordinal));

        Assert.Contains(diagnostics.Items, e => e.Code == ErrorCodes.MissingYaml && e.Message.Contains("2 ```yaml blocks", StringComparison.Ordinal));
    }

    [Fact]
    public void An_example_without_code_is_an_error_at_its_heading()
    {
        var (help, diagnostics) = ParseCommand(Command.Replace("```powershell\nGet-Thing -Id 4\n```\n", "Only words.\n", StringComparison.Ordinal));

        Assert.Null(help);
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal((ErrorCodes.ExampleWithoutCode, LineOf(Command, "### Example 2")), (error.Code, error.Line));
        Assert.Contains("'Example 2: Get a thing by id' has no code block", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_example_with_only_output_has_no_code()
    {
        var (_, diagnostics) = ParseCommand(Command.Replace("```powershell\nGet-Thing -Id 4\n```\n", "```output\nthing\n```\n", StringComparison.Ordinal));

        Assert.Equal(ErrorCodes.ExampleWithoutCode, Assert.Single(diagnostics.Items).Code);
    }

    [Fact]
    public void No_examples_at_all_is_an_error()
    {
        var start = Command.IndexOf("### Example 1", StringComparison.Ordinal);
        var end = Command.IndexOf("## PARAMETERS", StringComparison.Ordinal);
        var (_, diagnostics) = ParseCommand(Command.Remove(start, end - start));

        var error = Assert.Single(diagnostics.Items);
        Assert.Equal((ErrorCodes.MissingSection, LineOf(Command, "## EXAMPLES")), (error.Code, error.Line));
    }

    [Theory]
    [InlineData("Required: True", "Required: Yes", "'Required:' must be True or False")]
    [InlineData("Position: 0", "Position: first", "'Position:' must be Named or a number")]
    [InlineData("Accept pipeline input: True (ByPropertyName)", "Accept pipeline input: Yes", "'Accept pipeline input:' must be False or True")]
    [InlineData("Accept pipeline input: True (ByPropertyName)", "Accept pipeline input: True (ByMagic)", "'Accept pipeline input:' must be False or True")]
    [InlineData("Type: Int32", "Type:", "'Type:' is empty")]
    [InlineData("Default value: None\nAccept pipeline input: True (ByPropertyName)", "Accept pipeline input: True (ByPropertyName)", "has no 'Default value:' line")]
    [InlineData("Aliases: ThingId, Key", "Aliases: ThingId, Key\nPosistion: 1", "'Posistion: 1' is not one of the keys")]
    [InlineData("Aliases: ThingId, Key", "Aliases: ThingId, Key\nAliases: Other", "the key 'Aliases' is given twice")]
    public void A_malformed_yaml_block_is_an_error_at_its_line(string valid, string broken, string message)
    {
        var text = Command.Replace(valid, broken, StringComparison.Ordinal);
        var (help, diagnostics) = ParseCommand(text);

        Assert.Null(help);
        var error = Assert.Single(diagnostics.Items, e => e.Code == ErrorCodes.InvalidYaml);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("Parameter -", error.Message, StringComparison.Ordinal);
        var brokenLine = broken.Split('\n')[^1];
        var expectedLine = message.StartsWith("has no", StringComparison.Ordinal) ? LineOf(text, "```yaml") : LineOf(text, brokenLine);
        Assert.Equal(expectedLine, error.Line);
    }

    [Theory]
    [InlineData("Get-Thing -Id <Int32> [-PassThru]", "Get-Thing [-Id <Int32>] [-PassThru]", "shows -Id as optional, but its yaml says 'Required: True'")]
    [InlineData("Get-Thing -Id <Int32> [-PassThru]", "Get-Thing [-Id] <Int32> [-PassThru]", "shows -Id as positional, but its yaml says 'Position: Named'")]
    [InlineData("Get-Thing -Id <Int32> [-PassThru]", "Get-Thing -Id <Int64> [-PassThru]", "shows -Id <Int64>, but its yaml says 'Type: Int32'")]
    [InlineData("Get-Thing -Id <Int32> [-PassThru]", "Get-Thing -Id <Int32>", "Parameter -PassThru is in the parameter set 'Id' but its syntax line does not show it")]
    [InlineData("Get-Thing -Id <Int32> [-PassThru]", "Get-Thing -Id <Int32> [-PassThru] [-Force]", "shows -Force, but ## PARAMETERS has no '### -Force'")]
    [InlineData("Get-Thing -Id <Int32> [-PassThru]", "Get-Thing -Id <Int32> [-PassThru] [[-Name] <String[]>]", "shows -Name, but its yaml says 'Parameter Sets: Name'")]
    [InlineData("Get-Thing -Id <Int32> [-PassThru]", "Get-Thing -Id <Int32> [-PassThru <SwitchParameter>]", "shows -PassThru <SwitchParameter>, but its yaml says 'Type: SwitchParameter'")]
    [InlineData("Parameter Sets: Id", "Parameter Sets: ById", "names the parameter set 'ById', which ## SYNTAX does not have")]
    public void A_syntax_line_that_contradicts_the_parameters_is_an_error(string valid, string broken, string message)
    {
        var (help, diagnostics) = ParseCommand(Command.Replace(valid, broken, StringComparison.Ordinal));

        Assert.Null(help);
        var error = Assert.Single(diagnostics.Items, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(ErrorCodes.SyntaxMismatch, error.Code);
    }

    [Fact]
    public void A_single_parameter_set_may_have_its_code_block_directly_under_SYNTAX()
    {
        const string doc = """
            ---
            external help file: Thing.dll-Help.xml
            Module Name: Thing
            ---

            # Clear-Thing

            ## SYNOPSIS
            Clears.

            ## SYNTAX

            ```
            Clear-Thing [<CommonParameters>]
            ```

            ## DESCRIPTION
            Clears the thing.

            ## EXAMPLES

            ### Example 1
            ```
            Clear-Thing
            ```

            ## PARAMETERS

            ### CommonParameters
            Common.

            ## INPUTS

            ### None

            ## OUTPUTS

            ### None

            ## NOTES

            ## RELATED LINKS
            """;
        var (help, diagnostics) = ParseCommand(doc, "/docs/Clear-Thing.md");

        Assert.Empty(diagnostics.Items);
        var set = Assert.Single(help!.SyntaxSets);
        Assert.Equal(SyntaxSet.AllParameterSets, set.Name);
        Assert.Empty(set.ParameterNames);
        Assert.Empty(help.Parameters);
        Assert.True(help.Notes.IsEmpty);
        Assert.Empty(help.Links);
    }

    [Fact]
    public void The_title_must_be_the_file_name_and_a_command_name()
    {
        var (_, wrongFile) = ParseCommand(Command, "/docs/Get-Other.md");
        var (_, notACommand) = ParseCommand(Command.Replace("# Get-Thing\n", "# Things\n", StringComparison.Ordinal), "/docs/Things.md");

        Assert.Contains("does not match the file name 'Get-Other.md'", Assert.Single(wrongFile.Items).Message, StringComparison.Ordinal);
        Assert.Contains("'Things' is not a command name", Assert.Single(notACommand.Items, e => e.Code == ErrorCodes.NameMismatch).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_synopsis_description_and_parameter_description_are_errors()
    {
        var text = Command.Replace("## SYNOPSIS\nGets things.\n", "## SYNOPSIS\n", StringComparison.Ordinal)
            .Replace("### -PassThru\nReturns the thing.\n", "### -PassThru\n", StringComparison.Ordinal);
        var (_, diagnostics) = ParseCommand(text);

        Assert.Equal([LineOf(text, "## SYNOPSIS"), LineOf(text, "### -PassThru")],
            diagnostics.Items.Where(e => e.Code == ErrorCodes.EmptyText).Select(e => e.Line));
    }

    [Fact]
    public void Related_links_must_be_links()
    {
        var text = Command.Replace("[Set-Thing](Set-Thing.md)", "Set-Thing", StringComparison.Ordinal);
        var (_, diagnostics) = ParseCommand(text);

        var error = Assert.Single(diagnostics.Items);
        Assert.Equal((ErrorCodes.InvalidLink, LineOf(text, "Set-Thing", occurrence: 2)), (error.Code, error.Line));
    }

    [Fact]
    public void Text_where_the_layout_has_no_place_for_it_is_an_error()
    {
        var text = Command.Replace("## SYNTAX\n", "## SYNTAX\nStray words.\n", StringComparison.Ordinal);
        var (_, diagnostics) = ParseCommand(text);

        var error = Assert.Single(diagnostics.Items);
        Assert.Equal((ErrorCodes.UnexpectedContent, LineOf(text, "Stray words.")), (error.Code, error.Line));
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_in_one_run()
    {
        var text = Command.Replace("## NOTES\n", "", StringComparison.Ordinal)
            .Replace("```powershell\nGet-Thing -Id 4\n```\n", "", StringComparison.Ordinal)
            .Replace("Required: True", "Required: Maybe", StringComparison.Ordinal);
        var (_, diagnostics) = ParseCommand(text);

        Assert.Equal(
            new[] { ErrorCodes.MissingSection, ErrorCodes.ExampleWithoutCode, ErrorCodes.InvalidYaml }.Order(StringComparer.Ordinal),
            diagnostics.Items.Select(e => e.Code).Distinct().Order(StringComparer.Ordinal));
    }

    private sealed class SetComparer : IEqualityComparer<(string, bool, string[])>
    {
        public bool Equals((string, bool, string[]) x, (string, bool, string[]) y) => x.Item1 == y.Item1 && x.Item2 == y.Item2 && x.Item3.SequenceEqual(y.Item3);

        public int GetHashCode((string, bool, string[]) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }
}
