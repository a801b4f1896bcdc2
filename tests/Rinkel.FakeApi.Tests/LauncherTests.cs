using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Rinkel.FakeApi.Tests;

public sealed class LauncherTests
{
    [Fact]
    public async Task Start_reports_the_base_uri_and_key_and_dispose_kills_the_server()
    {
        var options = new FakeApiOptions { Users = 51, ApiKey = "my-key" };
        var api = await FakeRinkelApi.StartAsync(options);
        Assert.Matches(@"^http://127\.0\.0\.1:[0-9]+/v1$", api.BaseUri.ToString());
        Assert.Equal("my-key", api.ApiKey);
        var pid = api.ProcessId;
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(api, "/v1/users")).Status);

        await api.DisposeAsync();
        await api.DisposeAsync();
        Assert.True(HasExited(pid));
        using var socket = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => socket.ConnectAsync(IPAddress.Loopback, api.BaseUri.Port));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => api.ResetAsync());
    }

    [Fact]
    public async Task Reset_returns_to_the_start_options()
    {
        await using var api = await FakeRinkelApi.StartAsync(new FakeApiOptions { Users = 51, Meta = false, LatencyMs = 1 });
        await api.ConfigureAsync(new FakeApiConfig { Users = 5, Meta = true, Odd = true, Seed = 9 });
        var changed = await api.GetConfigAsync();
        Assert.Equal(new FakeApiConfig { Users = 5, Seed = 9, Meta = true, BareSingle = false, LatencyMs = 1, Odd = true, CallRecords = 1000, InsertCallsPerListing = 0, Recordings = 57, AudioTokenSeconds = 10_800 }, changed);
        await api.AddFaultsAsync(FakeFault.Status(500));
        await Http.GetAsync(api, "/v1/nowhere");

        await api.ResetAsync();
        Assert.Equal(new FakeApiConfig { Users = 51, Seed = 1, Meta = false, BareSingle = false, LatencyMs = 1, Odd = false, CallRecords = 1000, InsertCallsPerListing = 0, Recordings = 57, AudioTokenSeconds = 10_800 }, await api.GetConfigAsync());
        Assert.Empty(await api.GetRequestsAsync());
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(api, "/v1/users")).Status);
        await api.ClearRequestsAsync();
        Assert.Empty(await api.GetRequestsAsync());
    }

    [Fact]
    public async Task The_server_exits_when_its_stdin_closes()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { FakeRinkelApi.FakeApiDllPath, "--port", "0", "--exit-on-stdin-close", "--users", "3" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Matches(@"^Rinkel fake API listening on http://127\.0\.0\.1:[0-9]+/v1$", first);
            Assert.Equal("API key: rinkel-sandbox-key", await process.StandardOutput.ReadLineAsync());

            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Equal("", await process.StandardError.ReadToEndAsync());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void User_ids_are_24_lowercase_hex_and_distinct_per_index_and_seed()
    {
        var ids = Enumerable.Range(0, 2000).Select(i => FakeRinkelApi.UserId(i)).ToList();
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{24}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.NotEqual(FakeRinkelApi.UserId(0, seed: 1), FakeRinkelApi.UserId(0, seed: 2));
        Assert.Equal(FakeRinkelApi.UserId(5, seed: 3), FakeRinkelApi.UserId(5, seed: 3));
    }

    private static bool HasExited(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
