namespace Rinkel.HelpBuilder.Tests;

public sealed class MarkdownReaderTests
{
    private static MarkdownDocument Read(string text, DocDiagnostics? diagnostics = null) =>
        MarkdownReader.Read("/docs/x.md", text, diagnostics ?? new DocDiagnostics());

    [Fact]
    public void Front_matter_keys_are_case_insensitive_and_keep_their_lines()
    {
        var document = Read("---\nexternal help file: A.dll-Help.xml\r\nModule Name: A\n---\n# Get-A\n");

        Assert.Equal("A.dll-Help.xml", document.FrontMatter["External Help File"].Value);
        Assert.Equal(3, document.FrontMatter["module name"].Line);
        Assert.True(Assert.Single(document.Blocks).IsHeading(1));
    }

    [Fact]
    public void Front_matter_that_is_never_closed_is_an_error_on_line_1()
    {
        var diagnostics = new DocDiagnostics();
        Read("---\nModule Name: A\n# Get-A\n", diagnostics);

        var error = Assert.Single(diagnostics.Items, e => e.Code == ErrorCodes.InvalidFrontMatter && e.Message.Contains("never closed", StringComparison.Ordinal));
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Blocks_are_headings_paragraphs_list_items_and_code_with_their_lines()
    {
        var document = Read("""
            # Title

            ## Section ##
            First line
            second line.

            - item one
              continued
            * item two
            1. numbered

            ```powershell
            Get-Thing |
                Where-Object Name
            ```
            """);

        Assert.Collection(document.Blocks,
            b => Assert.Equal((BlockKind.Heading, 1, "Title", 1), (b.Kind, b.Level, b.Text, b.Line)),
            b => Assert.Equal((BlockKind.Heading, 2, "Section", 3), (b.Kind, b.Level, b.Text, b.Line)),
            b => Assert.Equal((BlockKind.Paragraph, "First line\nsecond line.", 4), (b.Kind, b.Text, b.Line)),
            b => Assert.Equal((BlockKind.ListItem, "-", "item one\ncontinued", 7), (b.Kind, b.Info, b.Text, b.Line)),
            b => Assert.Equal((BlockKind.ListItem, "*", "item two", 9), (b.Kind, b.Info, b.Text, b.Line)),
            b => Assert.Equal((BlockKind.ListItem, "1.", "numbered", 10), (b.Kind, b.Info, b.Text, b.Line)),
            b => Assert.Equal((BlockKind.Code, "powershell", "Get-Thing |\n    Where-Object Name", 12), (b.Kind, b.Info, b.Text, b.Line)));
    }

    [Fact]
    public void A_heading_inside_a_code_block_is_code()
    {
        var document = Read("```\n# not a heading\n## nor this\n```\n");

        Assert.Equal("# not a heading\n## nor this", Assert.Single(document.Blocks).Text);
    }

    [Fact]
    public void A_code_fence_that_is_never_closed_is_an_error_at_its_opening_line()
    {
        var diagnostics = new DocDiagnostics();
        Read("# T\n\ntext\n\n```powershell\nGet-Thing\n", diagnostics);

        var error = Assert.Single(diagnostics.Items);
        Assert.Equal((ErrorCodes.UnclosedFence, 5), (error.Code, error.Line));
    }

    [Fact]
    public void A_longer_fence_can_hold_a_shorter_one()
    {
        var document = Read("````markdown\n```yaml\nType: Int32\n```\n````\n");

        Assert.Equal("```yaml\nType: Int32\n```", Assert.Single(document.Blocks).Text);
    }
}
