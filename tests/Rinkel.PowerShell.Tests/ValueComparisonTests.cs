using Rinkel.PowerShell.Tests.Infrastructure;

namespace Rinkel.PowerShell.Tests;

/// <summary>
/// A value-like property (a phone number) behaves in PowerShell as the text users see: every operator and cmdlet
/// that compares, through the real engine and Microsoft.PowerShell.Utility.
/// </summary>
public sealed class ValueComparisonTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private string Check(string expression)
    {
        var result = Session.Run("$users = $global:__users; $n = $users[0].PhoneNumber.ToString(); " + expression).ThrowIfFailed();
        return string.Join(",", result.Output.Select(o => o?.ToString()));
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Session.WithUtility();
        Connect();
        Session.Run("$global:__users = @(Get-RinkelUser -First 30)").ThrowIfFailed();
    }

    [Fact]
    public void Where_Object_eq_and_ne_on_the_text_find_the_user()
    {
        Assert.Equal("1", Check("@($users | Where-Object PhoneNumber -eq $n).Count"));
        Assert.Equal("29", Check("@($users | Where-Object PhoneNumber -ne $n).Count"));
        Assert.Equal("1", Check("@($users | Where-Object { $_.PhoneNumber -eq $n }).Count"));
        Assert.Equal("True", Check("$n -eq $users[0].PhoneNumber"));
    }

    [Fact]
    public void In_and_contains_match_the_text()
    {
        Assert.Equal("True,True,False", Check("$n -in $users.PhoneNumber; $users.PhoneNumber -contains $n; $users.PhoneNumber -contains '+10000000000'"));
    }

    [Fact]
    public void Sort_Object_orders_as_the_text_and_mixes_with_strings()
    {
        Assert.Equal("True", Check("""
            $sorted = ($users | Sort-Object PhoneNumber).PhoneNumber | ForEach-Object ToString
            $text = $users.PhoneNumber | ForEach-Object ToString | Sort-Object
            ($sorted -join ',') -eq ($text -join ',')
            """));
        Assert.Equal("True", Check("""
            $mixed = (@('+9900000000', $users[1].PhoneNumber, '+1000000000') | Sort-Object | ForEach-Object ToString) -join ','
            $text = (@('+9900000000', $users[1].PhoneNumber.ToString(), '+1000000000') | Sort-Object) -join ','
            $mixed -eq $text
            """));
    }

    [Fact]
    public void Group_Object_and_Unique_group_equal_numbers_from_different_objects()
    {
        // A second Get-RinkelUser gives new objects for the same numbers: they must still group together.
        Assert.Equal("2,1", Check("@($users[0], $users[1], (Get-RinkelUser -Id $users[0].Id)) | Group-Object PhoneNumber | ForEach-Object Count"));
        Assert.Equal("2", Check("@(@($users[0].PhoneNumber, (Get-RinkelUser -Id $users[0].Id).PhoneNumber, $users[1].PhoneNumber) | Sort-Object -Unique).Count"));
        Assert.Equal("1", Check("@((Get-RinkelUser -Id $users[0].Id).PhoneNumber, $users[0].PhoneNumber | Select-Object -Unique).Count"));
    }

    [Fact]
    public void Compare_Object_compares_numbers_with_a_list_of_strings()
    {
        Assert.Equal($"{Session.Run("$global:__users[1].PhoneNumber.ToString()").Output[0]}|<=",
            Check("Compare-Object @($users[0].PhoneNumber, $users[1].PhoneNumber) @($n) | ForEach-Object { '{0}|{1}' -f $_.InputObject, $_.SideIndicator }"));
    }

    [Fact]
    public void A_string_converts_to_a_phone_number_and_a_malformed_one_is_a_clear_error()
    {
        Assert.Equal("True,Rinkel.PhoneNumber", Check("$p = [Rinkel.PhoneNumber]$n; $p -eq $users[0].PhoneNumber; $p.GetType().FullName"));
        var result = Session.Run("[Rinkel.PhoneNumber]'06 12 34 56 78'");
        Assert.Contains("not a phone number in E.164 form", result.Terminating!.Exception.ToString());
    }
}
