using System.Globalization;
using System.Text;
using System.Xml.Linq;
using static Rinkel.HelpBuilder.Tests.SampleDocs;

namespace Rinkel.HelpBuilder.Tests;

public sealed class MamlWriterTests
{
    private static readonly XNamespace Msh = MamlWriter.HelpItemsNamespace;
    private static readonly XNamespace Maml = MamlWriter.MamlNamespace;
    private static readonly XNamespace Command = MamlWriter.CommandNamespace;
    private static readonly XNamespace Dev = MamlWriter.DevNamespace;

    private static XElement Write(params CommandHelp[] commands)
    {
        var bytes = MamlWriter.Write(commands);
        return XDocument.Parse(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF')).Root!;
    }

    private static string Paras(XElement? description) => string.Join("|", description!.Elements(Maml + "para").Select(p => p.Value));

    [Fact]
    public void The_root_is_a_maml_helpItems_with_one_command_per_cmdlet_in_name_order()
    {
        var thing = ValidCommand();
        var root = Write(thing with { Name = "Set-Thing" }, thing);

        Assert.Equal(Msh + "helpItems", root.Name);
        Assert.Equal("maml", root.Attribute("schema")?.Value);
        Assert.Equal(["Get-Thing", "Set-Thing"], root.Elements(Command + "command").Select(c => c.Element(Command + "details")!.Element(Command + "name")!.Value));
    }

    [Fact]
    public void Details_and_description_hold_name_verb_noun_synopsis_and_paragraphs()
    {
        var command = Write(ValidCommand()).Element(Command + "command")!;
        var details = command.Element(Command + "details")!;

        Assert.Equal(("Get-Thing", "Get", "Thing"), (details.Element(Command + "name")!.Value, details.Element(Command + "verb")!.Value, details.Element(Command + "noun")!.Value));
        Assert.Equal("Gets things.", Paras(details.Element(Maml + "description")));
        Assert.Equal("The `Get-Thing` cmdlet gets things from the store (https://example.com/store).|- one Set-Thing|- two", Paras(command.Element(Maml + "description")));
    }

    [Fact]
    public void Each_parameter_set_is_a_syntaxItem_in_the_order_of_its_syntax_line()
    {
        var syntax = Write(ValidCommand()).Element(Command + "command")!.Element(Command + "syntax")!;

        var items = syntax.Elements(Command + "syntaxItem").ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal("Get-Thing", i.Element(Maml + "name")!.Value));
        Assert.Equal([["Name", "PassThru"], ["Id", "PassThru"]],
            items.Select(i => i.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value).ToArray()));

        // A switch takes no value in a syntax line.
        var passThru = items[0].Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "PassThru");
        Assert.Null(passThru.Element(Command + "parameterValue"));
        var name = items[0].Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Name");
        Assert.Equal("String[]", name.Element(Command + "parameterValue")!.Value);
    }

    [Fact]
    public void Parameters_carry_the_attributes_type_and_default_Get_Help_shows()
    {
        var parameters = Write(ValidCommand()).Element(Command + "command")!.Element(Command + "parameters")!.Elements(Command + "parameter").ToList();

        Assert.Equal(["Id", "Name", "PassThru"], parameters.Select(p => p.Element(Maml + "name")!.Value));
        string Attributes(XElement p) => string.Join(" ", new[] { "required", "variableLength", "globbing", "pipelineInput", "position", "aliases" }.Select(a => a + "=" + p.Attribute(a)?.Value));
        Assert.Equal("required=true variableLength=false globbing=false pipelineInput=True (ByPropertyName) position=named aliases=ThingId, Key", Attributes(parameters[0]));
        Assert.Equal("required=false variableLength=true globbing=true pipelineInput=True (ByPropertyName, ByValue) position=0 aliases=none", Attributes(parameters[1]));
        Assert.Equal("required=false variableLength=false globbing=false pipelineInput=False position=named aliases=none", Attributes(parameters[2]));

        Assert.Equal("Int32", parameters[0].Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal("None", parameters[0].Element(Dev + "defaultValue")!.Value);
        Assert.Equal("The id.", Paras(parameters[0].Element(Maml + "description")));
        var switchValue = parameters[2].Element(Command + "parameterValue")!;
        Assert.Equal(("SwitchParameter", "false"), (switchValue.Value, switchValue.Attribute("required")!.Value));
        Assert.Equal("False", parameters[2].Element(Dev + "defaultValue")!.Value);
    }

    [Fact]
    public void Inputs_outputs_notes_examples_and_links_are_written()
    {
        var command = Write(ValidCommand()).Element(Command + "command")!;

        var input = command.Element(Command + "inputTypes")!.Element(Command + "inputType")!;
        Assert.Equal(("System.String[]", "Names."), (input.Element(Dev + "type")!.Element(Maml + "name")!.Value, Paras(input.Element(Maml + "description"))));
        Assert.Equal("Thing.Item", command.Element(Command + "returnValues")!.Element(Command + "returnValue")!.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal("Things are read-only.", Paras(command.Element(Maml + "alertSet")!.Element(Maml + "alert")));

        var examples = command.Element(Command + "examples")!.Elements(Command + "example").ToList();
        Assert.Equal(2, examples.Count);
        Assert.Contains("Example 1: Get all things", examples[0].Element(Maml + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal("Get-Thing", examples[0].Element(Dev + "code")!.Value);
        Assert.Equal("Name\n----\na|Gets every thing.", Paras(examples[0].Element(Dev + "remarks")));

        var links = command.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink")
            .Select(l => (l.Element(Maml + "linkText")!.Value, l.Element(Maml + "uri")!.Value));
        Assert.Equal([("Online Version:", "https://example.com/docs/Get-Thing.md"), ("Set-Thing", ""), ("Thing docs", "https://example.com/thing")], links);
    }

    [Fact]
    public void Empty_notes_write_no_alertSet()
    {
        var command = Write(ValidCommand() with { Notes = HelpText.Empty }).Element(Command + "command")!;

        Assert.Null(command.Element(Maml + "alertSet"));
    }

    [Fact]
    public void Example_titles_are_set_off_with_dashes_like_PowerShells_own_help()
    {
        // Centred in about 64 columns, at least 5 dashes a side.
        Assert.Equal(new string('-', 23) + " Example 1: Short " + new string('-', 23), MamlWriter.ExampleTitle("Example 1: Short"));
        Assert.Equal("----- " + new string('x', 70) + " -----", MamlWriter.ExampleTitle(new string('x', 70)));
    }

    [Fact]
    public void The_output_is_utf8_with_a_byte_order_mark_and_the_same_bytes_every_time_in_every_culture()
    {
        var commands = new[] { ValidCommand() };
        var first = MamlWriter.Write(commands);
        var previous = CultureInfo.CurrentCulture;
        byte[] second;
        try
        {
            // Culture-sensitive formatting (such as a decimal comma or Turkish casing) must not leak into the help.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("tr-TR");
            second = MamlWriter.Write(commands);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Equal(first, second);
        Assert.Equal(Encoding.UTF8.GetPreamble(), first.Take(3));
        var text = Encoding.UTF8.GetString(first);
        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("</helpItems>\n", text, StringComparison.Ordinal);
    }
}
