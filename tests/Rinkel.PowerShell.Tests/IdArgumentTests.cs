using System.Management.Automation;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

/// <summary>An -Id-like parameter takes ids, objects that carry the id, and rows; never an object's text.</summary>
public sealed class IdArgumentTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private static string Id(int index) => FakeRinkelApi.UserId(index);

    private static IEnumerable<string> Ids(PsResult result) => result.Output.Select(o => (string)o.Properties["Id"].Value);

    private async Task AssertOnlyIdRequestsAsync() =>
        Assert.All(await Api.GetRequestsAsync(), r => Assert.Matches("^/v1/users/[0-9a-f]{24}$", r.RawTarget));

    [Fact]
    public async Task User_objects_given_as_an_argument_use_their_Id()
    {
        Connect();
        var users = Session.Run("Get-RinkelUser -First 3").ThrowIfFailed().Output;
        await Api.ClearRequestsAsync();

        var result = Session.Run("Get-RinkelUser -Id $args[0]", (object)users.ToArray()).ThrowIfFailed();

        Assert.Equal([Id(0), Id(1), Id(2)], Ids(result));
        Assert.Equal(3, (await Api.GetRequestsAsync()).Count);
        await AssertOnlyIdRequestsAsync();
    }

    [Fact]
    public async Task Hashtables_and_custom_objects_given_as_arguments_use_Id_or_UserId()
    {
        Connect();
        await Api.ClearRequestsAsync();
        var result = Session.Run(
            "Get-RinkelUser -Id @{ UserId = $args[0] }, ([pscustomobject]@{ Id = $args[1]; FullName = 'x' }), $args[2]",
            Id(4), Id(5), Id(6)).ThrowIfFailed();
        Assert.Equal([Id(4), Id(5), Id(6)], Ids(result));
        await AssertOnlyIdRequestsAsync();
    }

    [Fact]
    public async Task Csv_rows_with_an_Id_column_bind_and_rows_without_are_clear_errors_naming_the_columns()
    {
        Session.WithUtility();
        Connect();
        await Api.ClearRequestsAsync();
        var result = Session.Run("""
            $rows = "Id,Email`n$($args[0]),a@example.com" | ConvertFrom-Csv
            $emails = "Email,Name`nsomeone@example.com,Someone" | ConvertFrom-Csv
            $rows, $emails, ([pscustomobject]@{ UserId = $args[1] }) | ForEach-Object { $_ } | Get-RinkelUser
            """, Id(7), Id(8));

        Assert.Equal([Id(7), Id(8)], Ids(result));
        var error = Assert.Single(result.AllErrors);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal("ParameterArgumentTransformationError,Rinkel.Commands.GetRinkelUserCommand", error.FullyQualifiedErrorId);
        var row = Assert.IsType<PSObject>(error.TargetObject);
        Assert.Equal("someone@example.com", row.Properties["Email"].Value);
        Assert.Contains("@{Email=someone@example.com; Name=Someone}", error.Exception.Message);
        Assert.Contains("Id or UserId", error.Exception.Message);
        Assert.Contains("(it has Email, Name)", error.Exception.Message);
        await AssertOnlyIdRequestsAsync();
        Assert.Equal(2, (await Api.GetRequestsAsync()).Count);
    }

    [Fact]
    public async Task An_object_without_an_id_given_as_an_argument_is_a_parameter_error_and_no_request()
    {
        Connect();
        await Api.ClearRequestsAsync();
        var result = Session.Run("Get-RinkelUser -Id ([pscustomobject]@{ Email = 'someone@example.com' })");
        var error = result.Terminating!;
        Assert.Equal("ParameterArgumentTransformationError,Rinkel.Commands.GetRinkelUserCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains("@{Email=someone@example.com}", error.Exception.Message);
        Assert.Empty(await Api.GetRequestsAsync());
    }
}
