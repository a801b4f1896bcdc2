namespace Rinkel.HelpBuilder.Tests;

public sealed class InlineTextTests
{
    [Theory]
    [InlineData("Run `Get-Thing [-Id] <Int32>` now.", "Run `Get-Thing [-Id] <Int32>` now.")]
    [InlineData("Path `C:\\temp\\*` stays.", "Path `C:\\temp\\*` stays.")]
    [InlineData("See [Get-Thing](Get-Thing.md).", "See Get-Thing.")]
    [InlineData("See [about_Thing](about_Thing.md#paging).", "See about_Thing.")]
    [InlineData("Read [the docs](https://example.com/docs).", "Read the docs (https://example.com/docs).")]
    [InlineData("Read [https://example.com](https://example.com).", "Read https://example.com.")]
    [InlineData("Read <https://example.com/a>.", "Read https://example.com/a.")]
    [InlineData("A **bold** word.", "A bold word.")]
    [InlineData("Escaped \\<value\\> and \\*star\\*.", "Escaped <value> and *star*.")]
    [InlineData("about_Rinkel and snake_case stay.", "about_Rinkel and snake_case stay.")]
    [InlineData("An `unclosed backtick stays.", "An `unclosed backtick stays.")]
    public void Inline_Markdown_becomes_console_text(string markdown, string expected) =>
        Assert.Equal(expected, InlineText.ToPlain(markdown));

    [Fact]
    public void TryLink_reads_text_and_target_and_drops_a_title()
    {
        const string link = "[Docs](https://example.com/x \"Title\")";
        Assert.True(InlineText.TryLink(link + " tail", 0, out var text, out var target, out var length));
        Assert.Equal(("Docs", "https://example.com/x", link.Length), (text, target, length));
        Assert.False(InlineText.TryLink("[not a link]", 0, out _, out _, out _));
    }
}
