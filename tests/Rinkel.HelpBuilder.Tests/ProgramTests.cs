using static Rinkel.HelpBuilder.Tests.SampleDocs;

namespace Rinkel.HelpBuilder.Tests;

/// <summary>Console.Out and Console.Error are process-wide, so these tests run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}

[Collection(ConsoleCollection.Name)]
public sealed class ProgramTests
{
    private static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        var (previousOut, previousError) = (Console.Out, Console.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            return (Program.Main(args), stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }

    [Fact]
    public void Writes_the_help_and_exits_0()
    {
        using var docs = new TempDirectory();
        using var output = new TempDirectory();
        docs.Write("Get-Thing.md", Command);

        var (exitCode, stdout, stderr) = Run(docs.Path, output.Path);

        Assert.Equal(0, exitCode);
        Assert.Empty(stderr);
        Assert.Contains("wrote " + Path.Combine(output.Path, "en-US", "Thing.dll-Help.xml"), stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_docs_exit_1_with_msbuild_style_errors_in_line_order()
    {
        using var docs = new TempDirectory();
        using var output = new TempDirectory();
        var text = Command.Replace("```powershell\nGet-Thing -Id 4\n```\n", "", StringComparison.Ordinal).Replace("Required: True", "Required: Maybe", StringComparison.Ordinal);
        var path = docs.Write("Get-Thing.md", text);

        var (exitCode, stdout, stderr) = Run(docs.Path, output.Path);

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        var lines = stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                $"{path}({LineOf(text, "### Example 2")}): error RH0005: Example 'Example 2: Get a thing by id' has no code block.",
                $"{path}({LineOf(text, "Required: Maybe")}): error RH0004: Parameter -Id: 'Required:' must be True or False, not 'Maybe'.",
            ],
            lines[..2]);
        Assert.Contains("2 error(s)", lines[2], StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(output.Path, "en-US")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Wrong_arguments_exit_2_with_the_usage(int count)
    {
        var (exitCode, _, stderr) = Run(Enumerable.Repeat("docs", count).ToArray());

        Assert.Equal(2, exitCode);
        Assert.Contains(Program.Usage, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_docs_folder_that_does_not_exist_exits_2()
    {
        using var output = new TempDirectory();
        var (exitCode, _, stderr) = Run(Path.Combine(output.Path, "missing"), output.Path);

        Assert.Equal(2, exitCode);
        Assert.Contains("The docs folder does not exist", stderr, StringComparison.Ordinal);
    }
}
