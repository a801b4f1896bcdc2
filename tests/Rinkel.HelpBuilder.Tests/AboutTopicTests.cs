using static Rinkel.HelpBuilder.Tests.SampleDocs;

namespace Rinkel.HelpBuilder.Tests;

public sealed class AboutTopicTests
{
    private static string Render(string markdown, out DocDiagnostics diagnostics)
    {
        var (topic, parsed) = ParseAbout(markdown);
        diagnostics = parsed;
        return topic == null ? string.Empty : AboutTextWriter.Render(topic, diagnostics);
    }

    [Fact]
    public void An_about_topic_renders_in_the_classic_plain_text_layout()
    {
        var text = Render(About, out var diagnostics);

        Assert.Empty(diagnostics.Items);
        Assert.Equal("""
            TOPIC
                about_Thing

            SHORT DESCRIPTION
                Describes things.

            LONG DESCRIPTION
                Things are objects that the Thing module gets from the store, one page after
                another, and writes to the pipeline as soon as each page arrives.

              GETTING THINGS
                Run this:

                    Get-Thing -Name a*

                1. First step.
                2. Second step.

            SEE ALSO
                Get-Thing
                Thing docs (https://example.com/thing)

            """, text);
    }

    [Fact]
    public void Every_line_fits_80_columns_and_list_items_wrap_under_their_text()
    {
        var markdown = About.Replace("1. First step.", "1. " + string.Join(" ", Enumerable.Repeat("wrapping", 30)), StringComparison.Ordinal);
        var lines = Render(markdown, out var diagnostics).Split('\n');

        Assert.Empty(diagnostics.Items);
        Assert.All(lines, l => Assert.True(l.Length <= AboutTextWriter.Width, l));
        var item = Array.FindIndex(lines, l => l.StartsWith("    1. wrapping", StringComparison.Ordinal));
        Assert.StartsWith("       wrapping", lines[item + 1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_line_too_long_for_80_columns_is_an_error_at_its_line()
    {
        var markdown = About.Replace("Get-Thing -Name a*", "Get-Thing -Name " + new string('a', 70), StringComparison.Ordinal);
        Render(markdown, out var diagnostics);

        var error = Assert.Single(diagnostics.Items);
        Assert.Equal((AboutPath, LineOf(markdown, "Get-Thing -Name aaa"), ErrorCodes.LineTooLong), (error.File, error.Line, error.Code));
    }

    [Theory]
    [InlineData("## SHORT DESCRIPTION\nDescribes things.\n", "", "'## SHORT DESCRIPTION' is missing")]
    [InlineData("## SHORT DESCRIPTION\nDescribes things.\n", "## SHORT DESCRIPTION\n", "## SHORT DESCRIPTION is empty")]
    [InlineData("# about_Thing\n", "# about_Other\n", "does not match the file name 'about_Thing.md'")]
    [InlineData("# about_Thing\n", "# about_Thing\nStray text.\n", "Text before ## SHORT DESCRIPTION")]
    public void A_malformed_about_topic_is_an_error(string valid, string broken, string message)
    {
        var (topic, diagnostics) = ParseAbout(About.Replace(valid, broken, StringComparison.Ordinal));

        Assert.Null(topic);
        Assert.Contains(diagnostics.Items, e => e.Message.Contains(message, StringComparison.Ordinal) && e.File == AboutPath);
    }
}
