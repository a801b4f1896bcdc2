using System.Reflection;
using Rinkel.Packaging.Tests.Infrastructure;

namespace Rinkel.Packaging.Tests;

/// <summary>
/// The module's AppDomain.AssemblyResolve logic for Windows PowerShell (FrameworkResolver.ResolvePath), called on the
/// built Rinkel.dll with the names .NET Framework would hand it.
/// </summary>
public sealed class FrameworkResolverTests
{
    private static string Shipped(string name) => Path.Combine(Repo.DependencyDirectory, name + ".dll");

    private static string Requester(string name) => Path.Combine(Repo.DependencyDirectory, name + ".dll");

    /// <summary>The shipped file's full name with another version: what an assembly built against that version asks for.</summary>
    private static string Request(string name, string version)
    {
        var identity = AssemblyName.GetAssemblyName(Shipped(name));
        identity.Version = Version.Parse(version);
        return identity.FullName;
    }

    [Theory]
    [InlineData("System.Runtime.CompilerServices.Unsafe", "4.0.4.1", "System.Memory")]
    [InlineData("System.Buffers", "4.0.2.0", "Microsoft.Extensions.Logging.Abstractions")]
    [InlineData("System.Memory", "4.0.1.1", "System.Text.Json")]
    [InlineData("Microsoft.Bcl.AsyncInterfaces", "1.0.0.0", "Microsoft.Extensions.DependencyInjection")]
    [InlineData("System.Threading.Tasks.Extensions", "4.1.0.0", "Microsoft.Bcl.AsyncInterfaces")]
    [InlineData("Microsoft.Extensions.Logging.Abstractions", "6.0.0.0", "Microsoft.Extensions.Http")]
    public void An_older_version_asked_for_by_the_modules_own_assemblies_gets_the_shipped_file(string name, string version, string requester)
    {
        Assert.Equal(Shipped(name), ModuleLoaderProbe.ResolvePath(Request(name, version), Requester(requester)));
    }

    [Fact]
    public void The_client_is_answered_for_the_root_assembly_and_for_an_unnamed_requester()
    {
        var client = Request("Rinkel.Client", "0.1.0.0");
        Assert.Equal(Shipped("Rinkel.Client"), ModuleLoaderProbe.ResolvePath(client, Path.Combine(Repo.ModuleDirectory, "Rinkel.dll")));
        Assert.Equal(Shipped("Rinkel.Client"), ModuleLoaderProbe.ResolvePath("Rinkel.Client", null));
    }

    [Fact]
    public void The_models_are_answered_with_the_file_at_the_module_root_that_RequiredAssemblies_loads()
    {
        var models = Path.Combine(Repo.ModuleDirectory, "Rinkel.Models.dll");
        var request = AssemblyName.GetAssemblyName(models).FullName;
        Assert.Equal(models, ModuleLoaderProbe.ResolvePath(request, Requester("Rinkel.Client")));
        Assert.Equal(models, ModuleLoaderProbe.ResolvePath("Rinkel.Models", null));
        Assert.False(File.Exists(Shipped("Rinkel.Models")));
        Assert.Null(ModuleLoaderProbe.ResolvePath(request, Path.Combine(Path.GetTempPath(), "Modules", "Other", "Other.dll")));
    }

    [Fact]
    public void An_unnamed_requester_gets_the_shipped_file_only_for_versions_it_can_stand_in_for()
    {
        Assert.Equal(Shipped("System.Runtime.CompilerServices.Unsafe"), ModuleLoaderProbe.ResolvePath(Request("System.Runtime.CompilerServices.Unsafe", "4.0.4.1"), null));
        Assert.Null(ModuleLoaderProbe.ResolvePath(Request("System.Runtime.CompilerServices.Unsafe", "99.0.0.0"), null));
        Assert.Null(ModuleLoaderProbe.ResolvePath(Request("Microsoft.Extensions.Http", "10.0.0.0"), null));
    }

    [Fact]
    public void Another_modules_requests_are_never_answered()
    {
        var other = Path.Combine(Path.GetTempPath(), "Modules", "Az.Accounts", "Microsoft.Identity.Client.dll");
        Assert.Null(ModuleLoaderProbe.ResolvePath(Request("System.Memory", "4.0.1.1"), other));
        Assert.Null(ModuleLoaderProbe.ResolvePath(Request("Microsoft.Extensions.Logging.Abstractions", "6.0.0.0"), other));
        Assert.Null(ModuleLoaderProbe.ResolvePath(Request("Rinkel.Client", "0.1.0.0"), other));
        Assert.Null(ModuleLoaderProbe.ResolvePath(Request("System.Memory", "4.0.1.1"), "")); // a dynamic assembly
    }

    [Theory]
    [InlineData("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed")]
    [InlineData("System.Management.Automation, Version=3.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35")]
    [InlineData("Rinkel, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null")]
    [InlineData("System.Memory, Version=4.0.1.1, Culture=neutral, PublicKeyToken=0123456789abcdef")]
    [InlineData("Rinkel.Client.resources, Version=0.1.0.0, Culture=de, PublicKeyToken=null")]
    [InlineData("Rinkel.Client, Version=0.1.0.0, Culture=de, PublicKeyToken=null")]
    [InlineData("../Dependencies/System.Memory")]
    [InlineData("not, a = valid, name")]
    public void Names_the_module_does_not_ship_are_never_answered(string name)
    {
        Assert.Null(ModuleLoaderProbe.ResolvePath(name, Requester("Rinkel.Client")));
    }
}
