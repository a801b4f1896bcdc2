using System.Diagnostics;
using System.Management.Automation;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

/// <summary>
/// What a hostile or careless server sends (the key quoted back, terminal control sequences) never reaches a stream
/// as such; and connecting to a wrong address says what is wrong at once.
/// </summary>
public sealed class HostileServerTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private static string Id(int index) => FakeRinkelApi.UserId(index);

    private static void AssertInert(string text)
    {
        Assert.DoesNotContain(text, c => char.IsControl(c) && c != '\n');
        Assert.DoesNotContain(text, c => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');
    }

    [Fact]
    public async Task A_key_quoted_back_in_an_error_body_never_reaches_Error()
    {
        Connect();
        await Api.AddFaultsAsync(FakeFault.Status(403, path: "/v1/users/*") with { EchoApiKey = true });

        var result = Session.Run("Get-RinkelUser -Id $args[0] -Verbose -Debug; $Error | Out-String", Id(1));

        // A 403 is about the whole account, so it ends the command (a terminating error), never one id's error.
        var error = result.Terminating ?? throw new Xunit.Sdk.XunitException("The 403 did not end the command.");
        Assert.Empty(result.Errors);
        Assert.Equal("RinkelPermissionDenied,Rinkel.Commands.GetRinkelUserCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Forbidden (key [redacted])", error.ToString());
        Assert.DoesNotContain(Api.ApiKey, result.AllText());
        Assert.DoesNotContain(Api.ApiKey[^12..], result.AllText());
    }

    [Fact]
    public async Task Escape_sequences_and_bidi_overrides_in_reason_header_and_message_are_shown_not_obeyed()
    {
        Connect();
        await Api.AddFaultsAsync(FakeFault.Status(400, path: "/v1/users/*") with
        {
            ReasonPhrase = "Bad\u001b[2J\u001b]0;pwned\u0007Request",
            Message = "No\u202Eevil\u202C\r\nWARNING: forged",
            Headers = new() { ["X-Trace"] = "t\u009b2J" },
        });

        var result = Session.Run("Get-RinkelUser -Id $args[0] -Verbose -Debug", Id(1));

        AssertInert(result.AllText());
        var error = Assert.Single(result.Errors).ToString();
        Assert.Contains("failed with 400 Bad\\x1B[2J\\x1B]0;pwned\\x07Request: No\\u202Eevil\\u202C  WARNING: forged", error);
        Assert.Contains(result.Verbose, v => v.Contains("-> 400 Bad\\x1B[2J"));
        Assert.Contains(result.Debug, d => d.Contains("X-Trace: t\\x9B2J"));
    }

    [Fact]
    public void A_host_name_that_does_not_resolve_fails_at_once_with_a_clear_error()
    {
        var stopwatch = Stopwatch.StartNew();
        var result = Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri 'https://no-such-host.invalid/v1'", FakeApiFixture.Secure(Api.ApiKey));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed}");
        var error = result.Terminating!;
        Assert.Equal("RinkelConnectionFailed,Rinkel.Commands.ConnectRinkelCommand", error.FullyQualifiedErrorId);
        Assert.Contains("The host name 'no-such-host.invalid' could not be resolved", error.ToString());
        Assert.DoesNotContain("Gave up", error.ToString());
    }

    [Fact]
    public async Task A_base_URI_with_empty_segments_is_normalised()
    {
        var sloppy = Api.BaseUri.GetLeftPart(UriPartial.Authority) + "//v1//";
        var connection = Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1] -PassThru", FakeApiFixture.Secure(Api.ApiKey), sloppy)
            .ThrowIfFailed().Output.Single();
        await Api.ClearRequestsAsync();

        Session.Run("Get-RinkelUser -Id $args[0]", Id(3)).ThrowIfFailed();

        Assert.Equal(Api.BaseUri + "/", connection.Properties["BaseUri"].Value.ToString());
        Assert.Equal("/v1/users/" + Id(3), Assert.Single(await Api.GetRequestsAsync()).RawTarget);
    }

    [Fact]
    public async Task A_base_URI_without_the_API_version_is_a_parameter_error_that_says_what_to_add()
    {
        var root = Api.BaseUri.GetLeftPart(UriPartial.Authority);
        await Api.ClearRequestsAsync();

        var result = Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1]", FakeApiFixture.Secure(Api.ApiKey), root + "/");

        var error = result.Terminating!;
        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains($"does not end in the API version: add it, like {root}/v1.", error.ToString());
        Assert.Empty(await Api.GetRequestsAsync());
    }
}
