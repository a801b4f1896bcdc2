using System.Reflection;

namespace Rinkel.HelpBuilder.Tests;

/// <summary>Valid docs in the platyPS layout; tests break them one fact at a time.</summary>
internal static class SampleDocs
{
    public const string CommandPath = "/docs/Get-Thing.md";
    public const string AboutPath = "/docs/about_Thing.md";

    public const string Command = """"
        ---
        external help file: Thing.dll-Help.xml
        Module Name: Thing
        online version: https://example.com/docs/Get-Thing.md
        schema: 2.0.0
        ---

        # Get-Thing

        ## SYNOPSIS
        Gets things.

        ## SYNTAX

        ### Name (Default)
        ```
        Get-Thing [[-Name] <String[]>] [-PassThru] [<CommonParameters>]
        ```

        ### Id
        ```
        Get-Thing -Id <Int32> [-PassThru]
         [<CommonParameters>]
        ```

        ## DESCRIPTION
        The `Get-Thing` cmdlet gets **things**
        from the [store](https://example.com/store).

        - one [Set-Thing](Set-Thing.md)
        - two

        ## EXAMPLES

        ### Example 1: Get all things
        ```powershell
        Get-Thing
        ```

        ```output
        Name
        ----
        a
        ```

        Gets every thing.

        ### Example 2: Get a thing by id
        ```powershell
        Get-Thing -Id 4
        ```

        ## PARAMETERS

        ### -Id
        The id.

        ```yaml
        Type: Int32
        Parameter Sets: Id
        Aliases: ThingId, Key

        Required: True
        Position: Named
        Default value: None
        Accept pipeline input: True (ByPropertyName)
        Accept wildcard characters: False
        ```

        ### -Name
        The names.

        ```yaml
        Type: String[]
        Parameter Sets: Name
        Aliases:

        Required: False
        Position: 0
        Default value: None
        Accept pipeline input: True (ByValue, ByPropertyName)
        Accept wildcard characters: True
        ```

        ### -PassThru
        Returns the thing.

        ```yaml
        Type: SwitchParameter
        Parameter Sets: (All)
        Aliases:

        Required: False
        Position: Named
        Default value: False
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### CommonParameters
        This cmdlet supports the common parameters.

        ## INPUTS

        ### System.String[]
        Names.

        ## OUTPUTS

        ### Thing.Item
        A thing.

        ## NOTES
        Things are read-only.

        ## RELATED LINKS

        [Set-Thing](Set-Thing.md)

        [Thing docs](https://example.com/thing)
        """";

    public const string About = """"
        # about_Thing

        ## SHORT DESCRIPTION
        Describes things.

        ## LONG DESCRIPTION
        Things are objects that the Thing module gets from the store, one page after another, and writes to the pipeline as soon as each page arrives.

        ### Getting things
        Run this:

        ```powershell
        Get-Thing -Name a*
        ```

        1. First step.
        2. Second step.

        ## SEE ALSO
        - [Get-Thing](Get-Thing.md)
        - [Thing docs](https://example.com/thing)
        """";

    /// <summary>The 1-based line of the first line of <paramref name="text"/> that contains <paramref name="marker"/>.</summary>
    public static int LineOf(string text, string marker, int occurrence = 1)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Contains(marker, StringComparison.Ordinal) && --occurrence == 0) return i + 1;
        throw new ArgumentException($"'{marker}' is not in the text.");
    }

    public static (CommandHelp? Help, DocDiagnostics Diagnostics) ParseCommand(string markdown, string path = CommandPath)
    {
        var diagnostics = new DocDiagnostics();
        var document = MarkdownReader.Read(path, markdown, diagnostics);
        return (CommandDocParser.Parse(document, diagnostics), diagnostics);
    }

    public static (AboutTopic? Topic, DocDiagnostics Diagnostics) ParseAbout(string markdown, string path = AboutPath)
    {
        var diagnostics = new DocDiagnostics();
        var document = MarkdownReader.Read(path, markdown, diagnostics);
        return (AboutDocParser.Parse(document, diagnostics), diagnostics);
    }

    public static CommandHelp ValidCommand()
    {
        var (help, diagnostics) = ParseCommand(Command);
        Assert.Empty(diagnostics.Items);
        return help!;
    }

    public static string RepoRoot =>
        typeof(SampleDocs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
}

/// <summary>A folder under the temp directory, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rinkel-help-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
