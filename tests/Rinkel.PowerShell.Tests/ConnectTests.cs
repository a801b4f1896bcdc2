using System.Management.Automation;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

public sealed class ConnectTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    [Fact]
    public async Task ApiKey_as_SecureString_connects_after_one_verifying_request()
    {
        var result = Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1] -PassThru", FakeApiFixture.Secure(Api.ApiKey), Api.BaseUri).ThrowIfFailed();

        var connection = Assert.Single(result.Output);
        Assert.Equal("Rinkel.Connection", connection.TypeNames[0]);
        Assert.Equal(Api.BaseUri + "/", connection.Properties["BaseUri"].Value.ToString());
        Assert.IsType<DateTimeOffset>(connection.Properties["ConnectedAt"].Value);
        var request = Assert.Single(await Api.GetRequestsAsync());
        Assert.Equal("/v1/users", request.Path);
        Assert.Contains("perPage=1", request.Query);
        Assert.True(request.ApiKeyValid);
        Assert.StartsWith("Rinkel-PowerShell/0.1.0 (PowerShell 7.6", request.UserAgent);
    }

    [Fact]
    public void Credential_password_is_the_key()
    {
        var credential = new PSCredential("ignored", FakeApiFixture.Secure(Api.ApiKey));
        Session.Run("Connect-Rinkel -Credential $args[0] -BaseUri $args[1]", credential, Api.BaseUri).ThrowIfFailed();
        var current = Session.Run("Get-RinkelConnection").ThrowIfFailed();
        Assert.Equal("the credential's password", Assert.Single(current.Output).Properties["KeySource"].Value);
    }

    [Fact]
    public void Environment_variable_is_used_when_no_key_is_given()
    {
        var result = Session.Run("""
            $env:RINKEL_API_KEY = $args[0]
            try { Connect-Rinkel -BaseUri $args[1] -PassThru } finally { $env:RINKEL_API_KEY = $null }
            """, Api.ApiKey, Api.BaseUri).ThrowIfFailed();
        Assert.Equal("the RINKEL_API_KEY environment variable", Assert.Single(result.Output).Properties["KeySource"].Value);
    }

    [Fact]
    public void No_key_at_all_is_a_clear_error()
    {
        var result = Session.Run("$env:RINKEL_API_KEY = $null; Connect-Rinkel -BaseUri $args[0]", Api.BaseUri);
        var error = result.Terminating!;
        Assert.Equal("RinkelApiKeyMissing,Rinkel.Commands.ConnectRinkelCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("RINKEL_API_KEY", error.TargetObject);
        Assert.Contains("-ApiKey", error.ToString());
    }

    [Fact]
    public void No_key_in_an_interactive_session_prompts_for_it_as_a_secure_string()
    {
        Session.Host.Answers.Enqueue(FakeApiFixture.Secure(Api.ApiKey));
        var result = Session.Run("$env:RINKEL_API_KEY = $null; Connect-Rinkel -BaseUri $args[0] -PassThru", Api.BaseUri).ThrowIfFailed();

        var prompt = Assert.Single(Session.Host.Prompts);
        Assert.Equal("Rinkel API key", prompt.Name);
        Assert.Equal(typeof(System.Security.SecureString).FullName, prompt.ParameterTypeFullName);
        Assert.Equal("the prompt", Assert.Single(result.Output).Properties["KeySource"].Value);
        Assert.DoesNotContain(Api.ApiKey, Session.Host.Text);
    }

    [Fact]
    public void An_empty_answer_to_the_prompt_is_the_missing_key_error()
    {
        Session.Host.Answers.Enqueue(new System.Security.SecureString());
        var result = Session.Run("$env:RINKEL_API_KEY = $null; Connect-Rinkel -BaseUri $args[0]", Api.BaseUri);
        Assert.Equal("RinkelApiKeyMissing,Rinkel.Commands.ConnectRinkelCommand", result.Terminating!.FullyQualifiedErrorId);
        Assert.Empty(Session.Run("Get-RinkelConnection").ThrowIfFailed().Output);
    }

    [Fact]
    public void Missing_key_advice_suits_a_session_where_no_one_can_answer()
    {
        var result = Session.Run("$env:RINKEL_API_KEY = $null; Connect-Rinkel -BaseUri $args[0]", Api.BaseUri);
        var advice = result.Terminating!.ErrorDetails.RecommendedAction;
        Assert.DoesNotContain("Read-Host", advice);
        Assert.Contains("RINKEL_API_KEY", advice);
        Assert.Contains("-Credential", advice);
    }

    [Fact]
    public async Task Plain_text_ApiKey_says_how_to_pass_a_secure_string_and_never_repeats_the_key()
    {
        var result = Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1]", Api.ApiKey, Api.BaseUri);
        var error = result.Terminating!;
        Assert.Equal("ParameterArgumentTransformationError,Rinkel.Commands.ConnectRinkelCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains("must be a SecureString", error.Exception.Message);
        Assert.Contains("Read-Host -AsSecureString", error.Exception.Message);
        Assert.DoesNotContain(Api.ApiKey, result.AllText());
        Assert.Empty(await Api.GetRequestsAsync());
    }

    [Fact]
    public void Rejected_key_is_an_authentication_error_and_keeps_the_previous_connection()
    {
        Connect();
        var result = Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1]", FakeApiFixture.Secure("wrong-key-123"), Api.BaseUri);

        var error = result.Terminating!;
        Assert.Equal("RinkelApiKeyRejected,Rinkel.Commands.ConnectRinkelCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("rejected the API key", error.ToString());
        Assert.DoesNotContain("wrong-key-123", result.AllText());
        var current = Session.Run("Get-RinkelConnection").ThrowIfFailed();
        Assert.Single(current.Output);
        Assert.Equal("the ApiKey parameter", current.Output[0].Properties["KeySource"].Value);
    }

    [Fact]
    public void Rejected_key_when_not_connected_leaves_no_connection()
    {
        var result = Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1]", FakeApiFixture.Secure("wrong-key-123"), Api.BaseUri);
        Assert.NotNull(result.Terminating);
        Assert.Empty(Session.Run("Get-RinkelConnection").ThrowIfFailed().Output);
    }

    [Theory]
    [InlineData("http://api.rinkel.com/v1", "plain http is only allowed for loopback")]
    [InlineData("https://user:secret@api.rinkel.com/v1", "must not contain user information")]
    [InlineData("ftp://api.rinkel.com/v1", "must use https")]
    [InlineData("https://api.rinkel.com/v1?x=1", "must not contain a query")]
    [InlineData("not a uri", "")]
    public void Bad_BaseUri_is_a_parameter_error(string uri, string message)
    {
        var result = Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1]", FakeApiFixture.Secure(Api.ApiKey), uri);
        var error = result.Terminating!;
        Assert.StartsWith("ParameterArgument", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains(message, error.ToString());
        Assert.DoesNotContain("secret", error.ToString());
        Assert.Empty(Session.Run("Get-RinkelConnection").ThrowIfFailed().Output);
    }

    [Fact]
    public void Invalid_key_characters_are_refused_without_echoing_the_key()
    {
        var result = Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1]", FakeApiFixture.Secure("abc\r\nX-Injected: yes"), Api.BaseUri);
        var error = result.Terminating!;
        Assert.Equal("RinkelApiKeyInvalid,Rinkel.Commands.ConnectRinkelCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.DoesNotContain("Injected", result.AllText());
    }

    [Fact]
    public void Not_connected_error_tells_the_user_to_run_Connect_Rinkel()
    {
        var result = Session.Run("Get-RinkelUser");
        var error = result.Terminating!;
        Assert.Equal("RinkelNotConnected,Rinkel.Commands.GetRinkelUserCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("Connect-Rinkel", error.ToString());
        // The advice must also work where no one can type: a runbook's log.
        Assert.DoesNotContain("Read-Host", error.ErrorDetails.RecommendedAction);
        Assert.Contains("-ErrorAction Stop", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void Disconnect_forgets_the_connection_and_is_safe_to_repeat()
    {
        Connect();
        Session.Run("Disconnect-Rinkel; Disconnect-Rinkel").ThrowIfFailed();
        Assert.Empty(Session.Run("Get-RinkelConnection").ThrowIfFailed().Output);
        Assert.Equal("RinkelNotConnected,Rinkel.Commands.GetRinkelUserCommand", Session.Run("Get-RinkelUser -Id abc").Terminating!.FullyQualifiedErrorId);
    }

    [Fact]
    public void Connection_is_shared_by_other_runspaces_of_the_process()
    {
        Connect();
        using var other = new ModuleSession();
        var users = other.Run("Get-RinkelUser -First 3").ThrowIfFailed();
        Assert.Equal(3, users.Output.Count);
    }

    [Fact]
    public async Task Explicit_Connection_parameter_targets_another_tenant()
    {
        await using var second = await FakeRinkelApi.StartAsync(new FakeApiOptions { Users = 3, Seed = 2 });
        Connect();
        var result = Session.Run("""
            $other = Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1] -PassThru
            Connect-Rinkel -ApiKey $args[2] -BaseUri $args[3]
            @(Get-RinkelUser -Connection $other).Count
            @(Get-RinkelUser).Count
            """, FakeApiFixture.Secure(second.ApiKey), second.BaseUri, FakeApiFixture.Secure(Api.ApiKey), Api.BaseUri).ThrowIfFailed();
        Assert.Equal([3, 137], result.Output.Select(o => (int)o.BaseObject));
        Assert.All(await second.GetRequestsAsync(), r => Assert.True(r.ApiKeyValid));
        Assert.All(await Api.GetRequestsAsync(), r => Assert.True(r.ApiKeyValid));
    }

    [Fact]
    public void Disconnect_closes_saved_references_to_the_connection_too()
    {
        var result = Session.Run("""
            $saved = Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1] -PassThru
            Disconnect-Rinkel
            Get-RinkelUser -Connection $saved -First 1
            """, FakeApiFixture.Secure(Api.ApiKey), Api.BaseUri);
        var error = result.Terminating!;
        Assert.Equal("RinkelConnectionClosed,Rinkel.Commands.GetRinkelUserCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("Disconnect-Rinkel", error.ToString());
        Assert.Empty(result.Output);
    }
}
