namespace Rinkel.HelpBuilder.Tests;

public sealed class SyntaxLineTests
{
    [Fact]
    public void Reads_every_form_a_parameter_takes_in_a_syntax_line()
    {
        var entries = SyntaxLine.Parse(
            "Get-Thing [-Id] <String[]> [[-Name] <String>] -Credential <PSCredential>\n [-Connection <Connection>] [-PassThru] [<CommonParameters>]",
            "Get-Thing", out var error);

        Assert.Null(error);
        Assert.Equal(
            [
                new SyntaxEntry("Id", Optional: false, Positional: true, "String[]"),
                new SyntaxEntry("Name", Optional: true, Positional: true, "String"),
                new SyntaxEntry("Credential", Optional: false, Positional: false, "PSCredential"),
                new SyntaxEntry("Connection", Optional: true, Positional: false, "Connection"),
                new SyntaxEntry("PassThru", Optional: true, Positional: false, null),
            ],
            entries!);
    }

    [Fact]
    public void A_command_without_parameters_has_an_empty_syntax()
    {
        Assert.Empty(SyntaxLine.Parse("Disconnect-Thing [<CommonParameters>]", "Disconnect-Thing", out _)!);
    }

    [Theory]
    [InlineData("Get-Other [-Id <Int32>]", "must start with the command name 'Get-Thing'")]
    [InlineData("Get-ThingX [-Id <Int32>]", "must start with the command name 'Get-Thing'")]
    [InlineData("Get-Thing [Id <Int32>]", "Cannot read '[Id <Int32>]'")]
    [InlineData("Get-Thing [-Id <Int32> extra]", "Cannot read '[-Id <Int32> extra]'")]
    public void Unreadable_lines_say_what_is_wrong(string line, string message)
    {
        Assert.Null(SyntaxLine.Parse(line, "Get-Thing", out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
