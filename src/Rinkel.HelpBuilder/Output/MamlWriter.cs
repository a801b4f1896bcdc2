using System.Globalization;
using System.Text;
using System.Xml;
using Rinkel.HelpBuilder.Model;

namespace Rinkel.HelpBuilder.Output;

/// <summary>
/// Writes cmdlet help as MAML, the XML that Get-Help reads for compiled cmdlets (Rinkel.dll-Help.xml). The element
/// and attribute names follow the files PowerShell ships and platyPS's New-ExternalHelp writes: helpItems
/// (schema="maml") holding one command:command per cmdlet with details, description, syntax, parameters,
/// inputTypes, returnValues, alertSet, examples and relatedLinks.
/// </summary>
internal static class MamlWriter
{
    public const string HelpItemsNamespace = "http://msh";
    public const string MamlNamespace = "http://schemas.microsoft.com/maml/2004/10";
    public const string CommandNamespace = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public const string DevNamespace = "http://schemas.microsoft.com/maml/dev/2004/10";
    public const string MSHelpNamespace = "http://msdn.microsoft.com/mshelp";

    /// <summary>The file's bytes: UTF-8 with a byte order mark, '\n' line ends, commands in name order.</summary>
    /// <remarks>
    /// Byte for byte the same on every machine for the same docs (invariant culture, fixed newlines, sorted
    /// commands), so builds are reproducible. The byte order mark is there for Windows PowerShell 5.1, which
    /// otherwise may read the file in the ANSI code page.
    /// </remarks>
    public static byte[] Write(IEnumerable<CommandHelp> commands)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("helpItems", HelpItemsNamespace);
            writer.WriteAttributeString("schema", "maml");
            foreach (var command in commands.OrderBy(c => c.Name, StringComparer.Ordinal)) WriteCommand(writer, command);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }
        // XmlWriter ends the document without a final newline; add one so the file is a well-formed text file.
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteCommand(XmlWriter w, CommandHelp command)
    {
        w.WriteStartElement("command", "command", CommandNamespace);
        w.WriteAttributeString("xmlns", "maml", null, MamlNamespace);
        w.WriteAttributeString("xmlns", "command", null, CommandNamespace);
        w.WriteAttributeString("xmlns", "dev", null, DevNamespace);
        w.WriteAttributeString("xmlns", "MSHelp", null, MSHelpNamespace);

        w.WriteStartElement("command", "details", CommandNamespace);
        w.WriteElementString("command", "name", CommandNamespace, command.Name);
        w.WriteElementString("command", "verb", CommandNamespace, command.Verb);
        w.WriteElementString("command", "noun", CommandNamespace, command.Noun);
        WriteDescription(w, "maml", MamlNamespace, "description", new HelpText([new HelpParagraph(ParagraphKind.Prose, command.Synopsis, 0)]));
        w.WriteEndElement();

        WriteDescription(w, "maml", MamlNamespace, "description", command.Description);

        w.WriteStartElement("command", "syntax", CommandNamespace);
        foreach (var set in command.SyntaxSets)
        {
            w.WriteStartElement("command", "syntaxItem", CommandNamespace);
            w.WriteElementString("maml", "name", MamlNamespace, command.Name);
            foreach (var name in set.ParameterNames) WriteParameter(w, command.Parameter(name), inSyntax: true);
            w.WriteEndElement();
        }
        w.WriteEndElement();

        w.WriteStartElement("command", "parameters", CommandNamespace);
        foreach (var parameter in command.Parameters) WriteParameter(w, parameter, inSyntax: false);
        w.WriteEndElement();

        WriteTypes(w, "inputTypes", "inputType", command.Inputs);
        WriteTypes(w, "returnValues", "returnValue", command.Outputs);

        // Notes are optional in the layout; an empty alertSet would print an empty NOTES heading.
        if (!command.Notes.IsEmpty)
        {
            w.WriteStartElement("maml", "alertSet", MamlNamespace);
            WriteDescription(w, "maml", MamlNamespace, "alert", command.Notes);
            w.WriteEndElement();
        }

        w.WriteStartElement("command", "examples", CommandNamespace);
        foreach (var example in command.Examples)
        {
            w.WriteStartElement("command", "example", CommandNamespace);
            w.WriteElementString("maml", "title", MamlNamespace, ExampleTitle(example.Title));
            w.WriteElementString("dev", "code", DevNamespace, example.Code);
            WriteDescription(w, "dev", DevNamespace, "remarks", example.Remarks);
            w.WriteEndElement();
        }
        w.WriteEndElement();

        w.WriteStartElement("command", "relatedLinks", CommandNamespace);
        foreach (var link in command.Links)
        {
            w.WriteStartElement("maml", "navigationLink", MamlNamespace);
            w.WriteElementString("maml", "linkText", MamlNamespace, link.Text);
            w.WriteElementString("maml", "uri", MamlNamespace, link.Uri);
            w.WriteEndElement();
        }
        w.WriteEndElement();

        w.WriteEndElement();
    }

    private static void WriteParameter(XmlWriter w, ParameterHelp parameter, bool inSyntax)
    {
        w.WriteStartElement("command", "parameter", CommandNamespace);
        w.WriteAttributeString("required", Lower(parameter.Required));
        w.WriteAttributeString("variableLength", Lower(parameter.IsArray));
        w.WriteAttributeString("globbing", Lower(parameter.AcceptsWildcards));
        w.WriteAttributeString("pipelineInput", parameter.PipelineInputText);
        w.WriteAttributeString("position", parameter.Position?.ToString(CultureInfo.InvariantCulture) ?? "named");
        w.WriteAttributeString("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases));
        w.WriteElementString("maml", "name", MamlNamespace, parameter.Name);
        WriteDescription(w, "maml", MamlNamespace, "description", parameter.Description);
        // A switch takes no value: the syntax shows [-PassThru], while the parameter list shows its type.
        if (!(inSyntax && parameter.IsSwitch))
        {
            w.WriteStartElement("command", "parameterValue", CommandNamespace);
            w.WriteAttributeString("required", Lower(!parameter.IsSwitch));
            w.WriteAttributeString("variableLength", Lower(parameter.IsArray));
            w.WriteString(parameter.Type);
            w.WriteEndElement();
        }
        w.WriteStartElement("dev", "type", DevNamespace);
        w.WriteElementString("maml", "name", MamlNamespace, parameter.Type);
        w.WriteElementString("maml", "uri", MamlNamespace, string.Empty);
        w.WriteEndElement();
        w.WriteElementString("dev", "defaultValue", DevNamespace, parameter.DefaultValue);
        w.WriteEndElement();
    }

    private static void WriteTypes(XmlWriter w, string listName, string itemName, IReadOnlyList<TypeHelp> types)
    {
        w.WriteStartElement("command", listName, CommandNamespace);
        foreach (var type in types)
        {
            w.WriteStartElement("command", itemName, CommandNamespace);
            w.WriteStartElement("dev", "type", DevNamespace);
            w.WriteElementString("maml", "name", MamlNamespace, type.TypeName);
            w.WriteEndElement();
            WriteDescription(w, "maml", MamlNamespace, "description", type.Description);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteDescription(XmlWriter w, string prefix, string ns, string element, HelpText text)
    {
        w.WriteStartElement(prefix, element, ns);
        foreach (var paragraph in text.Paragraphs)
            w.WriteElementString("maml", "para", MamlNamespace, paragraph.Kind == ParagraphKind.ListItem ? paragraph.Marker + " " + paragraph.Text : paragraph.Text);
        w.WriteEndElement();
    }

    // Get-Help prints the title as given; the dashes are how PowerShell's own help sets examples apart.
    internal static string ExampleTitle(string title)
    {
        var dashes = new string('-', Math.Max(5, (64 - title.Length - 2) / 2));
        return dashes + " " + title + " " + dashes;
    }

    private static string Lower(bool value) => value ? "true" : "false";
}
