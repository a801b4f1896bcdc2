using System.Management.Automation;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

public sealed class GetUserByIdTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private static string Id(int index) => FakeRinkelApi.UserId(index);

    private static IEnumerable<string> Ids(PsResult result) => result.Output.Select(o => (string)o.Properties["Id"].Value);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ids_bind_from_the_pipeline_by_value_wrapped_or_bare(bool bare)
    {
        await Api.ConfigureAsync(new FakeApiConfig { BareSingle = bare });
        Connect();
        var result = Session.Run("$args[0], $args[1] | Get-RinkelUser", Id(3), Id(7)).ThrowIfFailed();
        Assert.Equal([Id(3), Id(7)], Ids(result));
        Assert.All(result.Output, o => Assert.False(string.IsNullOrEmpty((string)o.Properties["FullName"].Value)));
    }

    [Fact]
    public void Id_parameter_takes_an_array_in_order()
    {
        Connect();
        var ids = Enumerable.Range(0, 20).Select(Id).Reverse().ToArray();
        var result = Session.Run("Get-RinkelUser -Id $args[0]", (object)ids).ThrowIfFailed();
        Assert.Equal(ids, Ids(result));
    }

    [Fact]
    public void Ids_bind_by_property_name_Id_and_UserId()
    {
        Connect();
        var result = Session.Run("""
            [pscustomobject]@{ Id = $args[0] }, [pscustomobject]@{ UserId = $args[1] } | Get-RinkelUser
            """, Id(1), Id(2)).ThrowIfFailed();
        Assert.Equal([Id(1), Id(2)], Ids(result));
    }

    [Fact]
    public void Listing_pipes_into_get_by_id()
    {
        Connect();
        var result = Session.Run("Get-RinkelUser -First 12 | Get-RinkelUser").ThrowIfFailed();
        Assert.Equal(Enumerable.Range(0, 12).Select(Id), Ids(result));
    }

    [Fact]
    public void Unknown_id_is_a_non_terminating_ObjectNotFound_and_the_rest_still_run()
    {
        Connect();
        var unknown = "64a6b60be7ce3a7774155263";
        var result = Session.Run("$args[0], $args[1], $args[2] | Get-RinkelUser", Id(1), unknown, Id(2));

        Assert.Null(result.Terminating);
        Assert.Equal([Id(1), Id(2)], Ids(result));
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("RinkelNotFound,Rinkel.Commands.GetRinkelUserCommand", error.FullyQualifiedErrorId);
        Assert.Equal(unknown, error.TargetObject);
        Assert.Contains("404", error.ToString());
        Assert.Contains("User was not found", error.ToString());
    }

    // Issue 11 item 10: one id that fails for good is that id's error; the fan-out goes on with the others.
    [Theory]
    [InlineData("timeout", "RinkelTimeout", ErrorCategory.OperationTimeout)]
    [InlineData("drop", "RinkelConnectionFailed", ErrorCategory.ConnectionError)]
    [InlineData("503", "RinkelServerError", ErrorCategory.ConnectionError)]
    public async Task One_id_that_fails_for_good_is_its_own_error_and_the_others_still_come(string failure, string errorId, ErrorCategory category)
    {
        Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1] -TimeoutSec 1 -MaxRetryCount 1",
            FakeApiFixture.Secure(Api.ApiKey), Api.BaseUri).ThrowIfFailed();
        var path = "/v1/users/" + Id(3);
        await Api.AddFaultsAsync(failure switch
        {
            "timeout" => FakeFault.Delay(30_000, path: path, times: 10),
            "drop" => FakeFault.Drop(path: path, times: 10),
            _ => FakeFault.Status(503, path: path, times: 10),
        });

        var result = Session.Run("$args | Get-RinkelUser", Id(1), Id(2), Id(3), Id(4), Id(5), Id(6));

        Assert.Null(result.Terminating);
        Assert.Equal([Id(1), Id(2), Id(4), Id(5), Id(6)], Ids(result));
        var error = Assert.Single(result.Errors);
        Assert.Equal(errorId + ",Rinkel.Commands.GetRinkelUserCommand", error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Equal(Id(3), error.TargetObject);
    }

    [Fact]
    public async Task An_account_wide_refusal_ends_the_fan_out_after_writing_what_already_arrived()
    {
        Connect();
        // Id 3 is refused only after a retried 503, so the ids after it have long arrived by then.
        var path = "/v1/users/" + Id(3);
        await Api.AddFaultsAsync(FakeFault.Status(503, path: path), FakeFault.Status(401, path: path, times: 10));

        var result = Session.Run("$args | Get-RinkelUser", Id(1), Id(2), Id(3), Id(4), Id(5), Id(6));

        Assert.Equal([Id(1), Id(2), Id(4), Id(5), Id(6)], Ids(result));
        Assert.Empty(result.Errors);
        Assert.Equal("RinkelAuthenticationFailed,Rinkel.Commands.GetRinkelUserCommand", result.Terminating?.FullyQualifiedErrorId);
        Assert.Equal(Id(3), result.Terminating!.TargetObject);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("?")]
    [InlineData("%2F")]
    [InlineData("..")]
    [InlineData("a\\b")]
    [InlineData("id\u0000x")]
    [InlineData("#frag")]
    public async Task Ids_with_path_characters_are_parameter_errors_and_reach_no_route(string bad)
    {
        Connect();
        await Api.ClearRequestsAsync();
        var result = Session.Run("$args[0], $args[1], $args[2] | Get-RinkelUser", Id(1), bad, Id(2));

        Assert.Equal([Id(1), Id(2)], Ids(result));
        var error = Assert.Single(result.AllErrors);
        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(bad, error.TargetObject);
        Assert.All(await Api.GetRequestsAsync(), r => Assert.Matches("^/v1/users/[0-9a-f]{24}$", r.RawTarget));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_ids_are_rejected_by_parameter_validation(string blank)
    {
        Connect();
        var result = Session.Run("Get-RinkelUser -Id $args[0]", blank);
        var error = result.Terminating!;
        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Ids_with_spaces_and_unicode_are_sent_as_one_escaped_segment()
    {
        Connect();
        await Api.ClearRequestsAsync();
        var result = Session.Run("Get-RinkelUser -Id 'josé de vries'");
        Assert.Equal(ErrorCategory.ObjectNotFound, Assert.Single(result.Errors).CategoryInfo.Category);
        Assert.Equal("/v1/users/jos%C3%A9%20de%20vries", Assert.Single(await Api.GetRequestsAsync()).RawTarget);
    }

    [Fact]
    public void A_10_kB_id_is_a_parameter_error()
    {
        Connect();
        var result = Session.Run("Get-RinkelUser -Id ('a' * 10240)");
        Assert.StartsWith("ParameterArgumentValidationError", result.Terminating!.FullyQualifiedErrorId);
        Assert.Contains("at most 128", result.Terminating.ToString());
    }

    [Fact]
    public void Null_in_the_pipeline_is_a_clear_error_and_the_rest_still_run()
    {
        Connect();
        var result = Session.Run("$args[0], $null, $args[1] | Get-RinkelUser", Id(4), Id(5));
        Assert.Equal([Id(4), Id(5)], Ids(result));
        Assert.Single(result.AllErrors);
    }

    [Fact]
    public async Task Skip_and_First_count_ids_and_never_request_the_others()
    {
        Connect();
        await Api.ClearRequestsAsync();
        var ids = Enumerable.Range(0, 10).Select(Id).ToArray();
        var result = Session.Run("$args[0] | Get-RinkelUser -Skip 2 -First 3 -IncludeTotalCount", (object)ids).ThrowIfFailed();

        Assert.Equal(ids[2..5], result.Output.Take(3).Select(o => (string)o.Properties["Id"].Value));
        Assert.Equal(10UL, (ulong)result.Output[3].BaseObject);
        Assert.Equal(3, (await Api.GetRequestsAsync()).Count);
    }
}
