using System.Security;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests.Infrastructure;

/// <summary>One fake Rinkel API process per test class, reset before each test that asks.</summary>
public sealed class FakeApiFixture : IAsyncLifetime
{
    public FakeRinkelApi Api { get; private set; } = null!;

    public async Task InitializeAsync() => Api = await FakeRinkelApi.StartAsync(new FakeApiOptions { Users = 137 });

    public async Task DisposeAsync() => await Api.DisposeAsync();

    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }
}

/// <summary>
/// The current connection is process-wide by design (runspaces share it), so tests that connect must not run
/// in parallel with each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PowerShellCollection
{
    public const string Name = "PowerShell engine";
}

/// <summary>Base for tests that talk to a fake API through the module in a fresh runspace.</summary>
[Collection(PowerShellCollection.Name)]
public abstract class ModuleTestBase : IClassFixture<FakeApiFixture>, IAsyncLifetime, IDisposable
{
    protected ModuleTestBase(FakeApiFixture fixture)
    {
        Fixture = fixture;
        Session = new ModuleSession();
    }

    protected FakeApiFixture Fixture { get; }
    protected FakeRinkelApi Api => Fixture.Api;
    protected ModuleSession Session { get; }

    public virtual async Task InitializeAsync()
    {
        await Api.ResetAsync();
        Session.Run("Disconnect-Rinkel").ThrowIfFailed();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    protected PsResult Connect(FakeRinkelApi? api = null) =>
        Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1]", FakeApiFixture.Secure((api ?? Api).ApiKey), (api ?? Api).BaseUri).ThrowIfFailed();

    public void Dispose()
    {
        Session.Run("Disconnect-Rinkel");
        Session.Dispose();
    }
}
