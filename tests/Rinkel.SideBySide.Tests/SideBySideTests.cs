using Rinkel.Testing;
using Xunit.Abstractions;

namespace Rinkel.SideBySide.Tests;

public sealed class FakeApiFixture : IAsyncLifetime
{
    public const int Users = 60; // two pages

    public FakeRinkelApi Api { get; private set; } = null!;

    public async Task InitializeAsync() => Api = await FakeRinkelApi.StartAsync(new FakeApiOptions { Users = Users });

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

/// <summary>
/// Rinkel and "another module" that ships Microsoft.Extensions.* of another major version, imported in either order
/// into one PowerShell 7.6 process. The other module's dlls go into the default load context (Assembly.LoadFrom, as
/// Import-Module and Add-Type -Path do); Rinkel's must stay in its private context, and both must keep working.
/// </summary>
public sealed class SideBySideTests(FakeApiFixture fixture, ITestOutputHelper log) : IClassFixture<FakeApiFixture>
{
    private const string PrivateContext = "Rinkel.Internal.Loading.DependencyLoadContext";

    [Fact]
    public void Older_versions_loaded_first_by_another_module_do_not_reach_Rinkel()
    {
        var run = Run("other-first", ScenarioHost.OtherModule("v6"));

        Assert.Equal(FakeApiFixture.Users.ToString(), run.Fact("rinkel.users"));
        AssertRinkelIsolated(run);
        AssertOtherModuleWorks(run, "before", "6.0.0.0");
        AssertOtherModuleWorks(run, "after", "6.0.0.0");
        AssertOtherModuleInDefaultContext(run, "Microsoft.Extensions.Http", "v6");
    }

    [Fact]
    public void Rinkel_first_leaves_another_modules_older_versions_working()
    {
        var run = Run("rinkel-first", ScenarioHost.OtherModule("v6"));

        Assert.Equal(FakeApiFixture.Users.ToString(), run.Fact("rinkel.users"));
        Assert.Equal(FakeApiFixture.Users.ToString(), run.Fact("rinkel.again.users"));
        // The module answers the default context for Rinkel.Client alone: its loaded 8.0 copies stay invisible there.
        Assert.Equal("False", run.Fact("default.resolves.Microsoft.Extensions.Http"));
        Assert.Equal("False", run.Fact("default.resolves.Microsoft.Extensions.Logging"));
        AssertRinkelIsolated(run);
        AssertOtherModuleWorks(run, "after", "6.0.0.0");
        AssertOtherModuleInDefaultContext(run, "Microsoft.Extensions.Http", "v6");
    }

    [Fact]
    public void Newer_versions_loaded_first_by_another_module_do_not_reach_Rinkel_either()
    {
        // A plain load context would fall back to the default context's newer copies before its own resolving; the
        // module's context must answer first.
        var run = Run("other-first", ScenarioHost.OtherModule("v10"));

        Assert.Equal(FakeApiFixture.Users.ToString(), run.Fact("rinkel.users"));
        AssertRinkelIsolated(run);
        AssertOtherModuleWorks(run, "after", "10.0.0.0");
        AssertOtherModuleInDefaultContext(run, "Microsoft.Extensions.Logging", "v10");
        var rinkelLogging = Assert.Single(run.Named("Microsoft.Extensions.Logging"), a => !a.InDefaultContext);
        Assert.Equal(new Version(8, 0, 0, 0), rinkelLogging.Version);
    }

    [Fact]
    public void Remove_Module_unhooks_the_resolver_once_the_last_import_is_removed()
    {
        var run = Run("remove-module", ScenarioHost.OtherModule("v6"));

        Assert.Equal("False", run.Fact("client.loaded.before-use"));
        Assert.Equal("True", run.Fact("client.resolvable.one-import-left"));
        Assert.Equal("False", run.Fact("client.resolvable.all-removed"));
        Assert.Equal(FakeApiFixture.Users.ToString(), run.Fact("reimported.users"));
        Assert.Equal("True", run.Fact("client.resolvable.reimported"));
        AssertRinkelIsolated(run);
    }

    private ScenarioRun Run(string scenario, string otherModule)
    {
        var run = ScenarioHost.Run(scenario, otherModule, fixture.Api);
        log.WriteLine(run.Output);
        return run;
    }

    private static void AssertRinkelIsolated(ScenarioRun run)
    {
        var message = run.ToString();
        var root = Assert.Single(run.Named("Rinkel"));
        Assert.Equal(Path.Combine(ScenarioHost.ModuleDirectory, "Rinkel.dll"), root.Location);
        Assert.True(root.InDefaultContext, message);

        // The public models: one copy, from the module root, in the default context where [Rinkel.User] resolves and
        // which the private client defers to.
        var models = Assert.Single(run.Named("Rinkel.Models"));
        Assert.Equal(Path.Combine(ScenarioHost.ModuleDirectory, "Rinkel.Models.dll"), models.Location);
        Assert.True(models.InDefaultContext, message);

        var client = Assert.Single(run.Named("Rinkel.Client"));
        Assert.Equal(Path.Combine(ScenarioHost.DependencyDirectory, "Rinkel.Client.dll"), client.Location);
        Assert.Equal(PrivateContext, client.Context);
        Assert.False(client.InDefaultContext, message);

        // The module's Microsoft.Extensions.Http: its own 8.0 from Dependencies/, in the private context.
        var http = Assert.Single(run.Named("Microsoft.Extensions.Http"), a => a.Location.StartsWith(ScenarioHost.DependencyDirectory, StringComparison.Ordinal));
        Assert.Equal(new Version(8, 0, 0, 0), http.Version);
        Assert.Equal(PrivateContext, http.Context);
        Assert.False(http.InDefaultContext, message);

        // Everything loaded from the module folder's Dependencies/ lives in the private context, and none of it is a
        // framework assembly: the host's System.Text.Json, System.Memory, DiagnosticSource ... are newer and win.
        var fromModule = run.Assemblies.Where(a => a.Location.StartsWith(ScenarioHost.DependencyDirectory, StringComparison.Ordinal)).ToList();
        Assert.Contains(fromModule, a => a.Name == "Microsoft.Extensions.DependencyInjection");
        Assert.All(fromModule, a => Assert.Equal(PrivateContext, a.Context));
        Assert.All(fromModule, a => Assert.False(a.Name.StartsWith("System.", StringComparison.Ordinal), $"{a.Name} came from the module folder, not the host.\n{message}"));

        var runtime = run.Fact("runtime");
        var json = Assert.Single(run.Named("System.Text.Json"));
        Assert.Equal(Path.Combine(runtime, "System.Text.Json.dll"), json.Location);
        Assert.True(json.InDefaultContext, message);
        Assert.True(json.Version >= new Version(8, 0, 0, 0));
    }

    private static void AssertOtherModuleWorks(ScenarioRun run, string when, string version)
    {
        var fact = run.Fact("other." + when);
        Assert.StartsWith("works|" + version + "|", fact);
    }

    private static void AssertOtherModuleInDefaultContext(ScenarioRun run, string name, string set)
    {
        var other = Assert.Single(run.Named(name), a => a.InDefaultContext);
        Assert.Equal(Path.Combine(ScenarioHost.OtherModule(set), name + ".dll"), other.Location);
    }
}
