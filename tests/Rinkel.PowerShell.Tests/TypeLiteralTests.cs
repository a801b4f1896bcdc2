using System.Management.Automation;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

/// <summary>
/// The public models are types PowerShell resolves by name: [Rinkel.User] in casts, -is, typed parameters and
/// Get-Member, with the very type the cmdlets emit (one copy of Rinkel.Models, in the default load context).
/// </summary>
public sealed class TypeLiteralTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    [Fact]
    public void The_model_type_literals_resolve_to_the_models_assembly_at_the_module_root()
    {
        var result = Session.Run("""
            foreach ($type in [Rinkel.User], [Rinkel.PhoneNumber]) {
                $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($type.Assembly)
                '{0}|{1}|{2}|{3}' -f $type.FullName, $type.Assembly.GetName().Name, $type.Assembly.Location, ($context -eq [System.Runtime.Loader.AssemblyLoadContext]::Default)
            }
            """).ThrowIfFailed();

        var models = Path.Combine(ModuleSession.ModuleDirectory, "Rinkel.Models.dll");
        Assert.Equal(
            [$"Rinkel.User|Rinkel.Models|{models}|True", $"Rinkel.PhoneNumber|Rinkel.Models|{models}|True"],
            result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Users_from_Get_RinkelUser_are_Rinkel_User_and_bind_to_typed_parameters()
    {
        Connect();

        var result = Session.Run("""
            $users = @(Get-RinkelUser)
            $one = Get-RinkelUser -Id $args[0]
            function Measure-Typed { param([Rinkel.User[]] $User) $User.Count }
            [pscustomobject]@{
                All        = $users.Count
                AreUsers   = @($users | Where-Object { $_ -is [Rinkel.User] }).Count
                One        = $one -is [Rinkel.User]
                Typed      = Measure-Typed -User $users
                Phones     = @($users | Where-Object PhoneNumber).Count
                AreNumbers = @($users | Where-Object { $_.PhoneNumber -is [Rinkel.PhoneNumber] }).Count
                Cast       = ([Rinkel.User]$one).Id
            }
            """, FakeRinkelApi.UserId(3)).ThrowIfFailed();

        var facts = Assert.Single(result.Output);
        Assert.Equal(137, (int)facts.Properties["All"].Value);
        Assert.Equal(137, (int)facts.Properties["AreUsers"].Value);
        Assert.True((bool)facts.Properties["One"].Value);
        Assert.Equal(137, (int)facts.Properties["Typed"].Value);
        Assert.True((int)facts.Properties["Phones"].Value > 0);
        Assert.Equal((int)facts.Properties["Phones"].Value, (int)facts.Properties["AreNumbers"].Value);
        Assert.Equal(FakeRinkelApi.UserId(3), facts.Properties["Cast"].Value);
    }

    /// <summary>
    /// The property definitions Get-Member prints (its Definition column is the member's ToString()): the engine names a
    /// type it cannot resolve by name assembly-qualified, so this also proves the models resolve. Get-Member itself
    /// (Microsoft.PowerShell.Utility) is not in this engine-only host; the Pester suite runs it on pwsh.
    /// </summary>
    [Fact]
    public void Property_definitions_name_nested_model_types_by_their_short_full_name()
    {
        Connect();

        var result = Session.Run("""
            $user = Get-RinkelUser -Id $args[0]
            $user.PSObject.TypeNames[0]
            $user.PSObject.Properties['PhoneNumber'].ToString()
            $user.PSObject.Properties['Preferences'].ToString()
            """, FakeRinkelApi.UserId(3)).ThrowIfFailed();

        Assert.Equal(["Rinkel.User", "Rinkel.PhoneNumber PhoneNumber {get;set;}", "Rinkel.UserPreferences Preferences {get;set;}"],
            result.Output.Select(o => o.ToString()));
    }
}
