using System.Management.Automation;
using System.Reflection;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

/// <summary>
/// Disconnect-Rinkel and Connect-Rinkel end a connection's life everywhere: other runspaces, saved references and the
/// -Id completer; the key is disposed once no request uses it.
/// </summary>
public sealed class ConnectionLifetimeTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private const string Complete = """
        $line = $args[0]
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText
        """;

    private static string Id(int index) => FakeRinkelApi.UserId(index);

    private PSObject ConnectPassThru() =>
        Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1] -PassThru", FakeApiFixture.Secure(Api.ApiKey), Api.BaseUri)
            .ThrowIfFailed().Output.Single();

    /// <summary>The client inside a connection object (internal to the module, and loaded privately).</summary>
    private static (bool Closed, bool KeyDisposed) State(object connection)
    {
        var value = connection is PSObject wrapped ? wrapped.BaseObject : connection;
        var client = value.GetType().GetProperty("Client", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(value)!;
        return ((bool)client.GetType().GetProperty("IsClosed")!.GetValue(client)!, (bool)client.GetType().GetProperty("IsKeyDisposed")!.GetValue(client)!);
    }

    private static object Current(ModuleSession session) =>
        session.Run("[Rinkel.Connection].Assembly.GetType('Rinkel.Internal.CurrentConnection').GetMethod('Get').Invoke($null, @())")
            .ThrowIfFailed().Output.Single();

    [Fact]
    public async Task Disconnect_stops_a_command_running_in_another_runspace_and_disposes_the_key()
    {
        var connection = ConnectPassThru();
        await Api.ConfigureAsync(new FakeApiConfig { LatencyMs = 150 });
        await Api.ClearRequestsAsync();
        using var other = new ModuleSession();
        var ids = Enumerable.Range(0, 137).Select(Id).ToArray();

        var running = Task.Run(() => other.Run("$args[0] | Get-RinkelUser", (object)ids));
        await WaitForRequestsAsync(10);
        Session.Run("Disconnect-Rinkel").ThrowIfFailed();
        var seenAtDisconnect = (await Api.GetRequestsAsync()).Count;
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        // The other runspace's command ends loudly, and only requests already under way reached the server.
        Assert.Equal("RinkelConnectionClosed,Rinkel.Commands.GetRinkelUserCommand", result.Terminating?.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, result.Terminating!.CategoryInfo.Category);
        Assert.Contains("connection was closed", result.Terminating.ToString());
        Assert.InRange(result.Output.Count, 1, 136);
        await Task.Delay(500);
        var requests = await Api.GetRequestsAsync();
        Assert.True(requests.Count <= seenAtDisconnect + 8, $"{requests.Count - seenAtDisconnect} requests went out after the disconnect");
        Assert.Equal((true, true), State(connection));

        // A saved reference is refused before any request.
        var saved = Session.Run("Get-RinkelUser -Id $args[0] -Connection $args[1]", Id(1), connection);
        Assert.Equal("RinkelConnectionClosed,Rinkel.Commands.GetRinkelUserCommand", saved.Terminating?.FullyQualifiedErrorId);
        Assert.Equal(requests.Count, (await Api.GetRequestsAsync()).Count);
    }

    [Fact]
    public async Task The_completer_offers_nothing_from_a_closed_connection_not_even_its_cache()
    {
        var connection = ConnectPassThru();
        var line = "Get-RinkelUser -Connection $global:c -Id " + Id(5)[..20];
        Session.Run("$global:c = $args[0]", connection).ThrowIfFailed();
        Assert.Contains(Id(5), Session.Run(Complete, line).ThrowIfFailed().Output.Select(o => o.ToString()));

        Session.Run("Disconnect-Rinkel").ThrowIfFailed();
        await Api.ClearRequestsAsync();

        var result = Session.Run(Complete, line);
        Assert.Empty(result.AllErrors);
        Assert.Empty(result.Output);
        Assert.Empty(await Api.GetRequestsAsync());
    }

    [Fact]
    public async Task Connect_Rinkel_closes_the_connection_it_replaces_once_the_command_using_it_has_finished()
    {
        Connect();
        var first = Current(Session);
        await Api.ClearRequestsAsync();
        // Pages 2 and 3 answer slowly, so the listing is still running on the first connection when it is replaced.
        await Api.AddFaultsAsync(FakeFault.Delay(2500, page: 2), FakeFault.Delay(2500, page: 3));
        using var other = new ModuleSession();

        var listing = Task.Run(() => other.Run("Get-RinkelUser"));
        await WaitForRequestsAsync(3);
        Connect();
        Assert.Equal((false, false), State(first));

        // The command that was using the replaced connection completes on it; then the connection is closed.
        var result = (await listing.WaitAsync(TimeSpan.FromSeconds(20))).ThrowIfFailed();
        Assert.Equal(137, result.Output.Count);
        Assert.Equal((true, true), State(first));
        Assert.Equal((false, false), State(Current(Session)));
    }

    [Fact]
    public void A_replaced_connection_the_user_holds_in_a_variable_stays_usable()
    {
        var saved = ConnectPassThru();
        Connect();

        Assert.Equal((false, false), State(saved));
        Assert.Equal(3, Session.Run("Get-RinkelUser -First 3 -Connection $args[0]", saved).ThrowIfFailed().Output.Count);
    }

    private async Task WaitForRequestsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if ((await Api.GetRequestsAsync()).Count >= count) return;
            await Task.Delay(25);
        }

        throw new TimeoutException($"The server did not see {count} request(s) within 10 s.");
    }
}
