using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rinkel.FakeApi;

namespace Rinkel.Testing;

/// <summary>
/// One fake Rinkel API server in its own process on 127.0.0.1 (a free port), for one test class or test.
/// Dispose kills it; it also dies by itself when the test process does (its stdin closes).
/// </summary>
public sealed partial class FakeRinkelApi : IAsyncDisposable, IDisposable
{
    /// <summary>Overrides the baked-in path of Rinkel.FakeApi.dll.</summary>
    public const string DllPathVariable = "RINKEL_FAKEAPI_DLL";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static readonly HttpClient Control = new(new SocketsHttpHandler
    {
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static readonly JsonSerializerOptions ControlJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    // Belt and braces with --exit-on-stdin-close: servers still running at process exit are killed.
    private static readonly ConcurrentDictionary<FakeRinkelApi, byte> Live = new();

    private readonly Process _process;
    private readonly Uri _control;
    private readonly StderrTail _stderr;
    private int _disposed;

    static FakeRinkelApi()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var api in Live.Keys)
            {
                api.Kill();
            }
        };
    }

    private FakeRinkelApi(Process process, Uri baseUri, string apiKey, StderrTail stderr)
    {
        _process = process;
        _stderr = stderr;
        BaseUri = baseUri;
        ApiKey = apiKey;
        _control = new Uri(baseUri.GetLeftPart(UriPartial.Authority) + "/_fake/");
    }

    /// <summary>The API root, e.g. http://127.0.0.1:40123/v1 (no trailing slash).</summary>
    public Uri BaseUri { get; }

    public string ApiKey { get; }

    /// <summary>Where the fake's dll is looked for: <see cref="DllPathVariable"/>, else the path baked in at build.</summary>
    internal static string FakeApiDllPath =>
        Environment.GetEnvironmentVariable(DllPathVariable) is { Length: > 0 } overridden
            ? overridden
            : typeof(FakeRinkelApi).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                  .FirstOrDefault(a => a.Key == "RinkelFakeApiPath")?.Value
              ?? throw new InvalidOperationException("Rinkel.Testing was built without the RinkelFakeApiPath metadata.");

    /// <summary>Starts a server and waits (at most 60 s) until it listens.</summary>
    public static async Task<FakeRinkelApi> StartAsync(FakeApiOptions? options = null, CancellationToken ct = default)
    {
        options ??= new FakeApiOptions();
        var dll = FakeApiDllPath;
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The fake Rinkel API is not built: {dll} does not exist. Build tests/Rinkel.FakeApi (or set {DllPathVariable}).", dll);
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var arg in Arguments(dll, options))
        {
            start.ArgumentList.Add(arg);
        }

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new StderrTail();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            const string prefix = "Rinkel fake API listening on ";
            if (e.Data is null)
            {
                listening.TrySetException(new IOException("The fake Rinkel API closed its output before it was listening."));
            }
            else if (e.Data.StartsWith(prefix, StringComparison.Ordinal))
            {
                listening.TrySetResult(new Uri(e.Data[prefix.Length..].Trim()));
            }
        };
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        FakeRinkelApi? api = null;
        try
        {
            var baseUri = await listening.Task.WaitAsync(StartTimeout, ct).ConfigureAwait(false);
            api = new FakeRinkelApi(process, baseUri, options.ApiKey, stderr);
            Live.TryAdd(api, 0);
            return api;
        }
        catch (Exception e) when (e is TimeoutException or IOException)
        {
            KillProcess(process);
            var exit = process.HasExited ? $" (exit code {process.ExitCode})" : "";
            process.Dispose();
            var reason = e is TimeoutException ? $"did not start listening within {StartTimeout.TotalSeconds:0} s" : "exited before it was listening";
            throw new InvalidOperationException(
                $"The fake Rinkel API ({dll}) {reason}{exit}. Its standard error:{Environment.NewLine}{stderr}", e);
        }
        catch
        {
            KillProcess(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>The id the server gives user #<paramref name="index"/> of tenant <paramref name="seed"/>.</summary>
    public static string UserId(int index, int seed = 1) => UserIds.Encode(seed, index);

    /// <summary>The id of number #<paramref name="which"/> (0..5) of tenant <paramref name="seed"/>, as users and call records carry it.</summary>
    public static string NumberId(int which, int seed = 1) => TenantObjectId(seed, 0xB0UL + (ulong)which);

    /// <summary>The id of uploaded recording #<paramref name="index"/> of tenant <paramref name="seed"/>.</summary>
    public static string RecordingId(int index, int seed = 1) => TenantObjectId(seed, 0xE000UL + (ulong)index);

    /// <summary>The exact bytes the fake serves for audio of <paramref name="type"/> (recording, call-recording, voicemail).</summary>
    public static byte[] AudioBytes(string type, string id, int length) => FakeAudio.Create(type, id, length);

    /// <summary>The length the fake gives audio of <paramref name="seconds"/> (at most 1 MB) unless a fixed length is configured.</summary>
    public static int AudioLength(int seconds) => FakeAudio.LengthFor(seconds, null);

    // The fake's UserGenerator.TenantObjectId, over the shared hash (the generator itself is not linked here).
    private static string TenantObjectId(int seed, ulong which)
    {
        var h1 = UserIds.Hash(seed, 0x0B1D, which);
        var h2 = UserIds.Hash(seed, 0x0B1E, which);
        return (0x64000000u | ((uint)h1 & 0x00FFFFFFu)).ToString("x8", CultureInfo.InvariantCulture) + h2.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>POST /_fake/config: changes only the non-null members.</summary>
    public Task ConfigureAsync(FakeApiConfig config) => SendAsync(HttpMethod.Post, "config", config);

    /// <summary>GET /_fake/config: the settings now in force (every member set).</summary>
    public async Task<FakeApiConfig> GetConfigAsync() =>
        JsonSerializer.Deserialize<FakeApiConfig>(await SendAsync(HttpMethod.Get, "config", null).ConfigureAwait(false), ControlJson)!;

    /// <summary>
    /// POST /_fake/calls: <paramref name="count"/> calls that end now, whose records appear after
    /// <paramref name="visibleAfterMs"/> (until then their ids and call ids are unknown, a 404).
    /// </summary>
    public async Task<IReadOnlyList<FakeCall>> InsertCallsAsync(int count = 1, int visibleAfterMs = 0)
    {
        var text = await SendAsync(HttpMethod.Post, "calls", new { count, visibleAfterMs }).ConfigureAwait(false);
        return JsonSerializer.Deserialize<InsertedCalls>(text, ControlJson)!.Calls;
    }

    private sealed record InsertedCalls(List<FakeCall> Calls);

    /// <summary>Appends one-shot faults to the server's FIFO.</summary>
    public Task AddFaultsAsync(params FakeFault[] faults) => SendAsync(HttpMethod.Post, "faults", new { faults });

    public Task ClearFaultsAsync() => SendAsync(HttpMethod.Delete, "faults", null);

    /// <summary>Every API request so far (oldest first).</summary>
    public async Task<IReadOnlyList<FakeRequest>> GetRequestsAsync() =>
        JsonSerializer.Deserialize<List<FakeRequest>>(await SendAsync(HttpMethod.Get, "requests", null).ConfigureAwait(false), ControlJson)!;

    public Task ClearRequestsAsync() => SendAsync(HttpMethod.Delete, "requests", null);

    /// <summary>Settings back to the start options; faults and the request log cleared.</summary>
    public Task ResetAsync() => SendAsync(HttpMethod.Post, "reset", null);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Live.TryRemove(this, out _);
        KillProcess(_process);
        _process.WaitForExit(5000);
        _process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Live.TryRemove(this, out _);
        KillProcess(_process);
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _process.Dispose();
    }

    public override string ToString() => $"Fake Rinkel API at {BaseUri}";

    internal int ProcessId => _process.Id;

    private void Kill() => KillProcess(_process);

    private async Task<string> SendAsync(HttpMethod method, string relative, object? body)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var request = new HttpRequestMessage(method, new Uri(_control, relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ControlJson);
        }

        using var response = await Control.SendAsync(request).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{method} /_fake/{relative} failed with {(int)response.StatusCode}: {text}{Environment.NewLine}Server stderr: {_stderr}");
        }

        return text;
    }

    private static IEnumerable<string> Arguments(string dll, FakeApiOptions o)
    {
        yield return dll;
        yield return "--port";
        yield return "0";
        yield return "--exit-on-stdin-close";
        yield return "--api-key";
        yield return o.ApiKey;
        yield return "--users";
        yield return o.Users.ToString(CultureInfo.InvariantCulture);
        yield return "--seed";
        yield return o.Seed.ToString(CultureInfo.InvariantCulture);
        yield return "--call-records";
        yield return o.CallRecords.ToString(CultureInfo.InvariantCulture);
        yield return "--latency-ms";
        yield return o.LatencyMs.ToString(CultureInfo.InvariantCulture);
        if (!o.Meta)
        {
            yield return "--no-meta";
        }

        if (o.BareSingle)
        {
            yield return "--bare-single";
        }

        if (o.Odd)
        {
            yield return "--odd";
        }
    }

    // The muxer that runs this process when there is one (dotnet test sets DOTNET_HOST_PATH), else PATH's.
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? self
            : "dotnet";
    }

    private static void KillProcess(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exiting as we tried.
        }
    }

    /// <summary>The last lines of the server's standard error, for failure messages.</summary>
    private sealed class StderrTail
    {
        private const int MaxChars = 16_000;
        private readonly StringBuilder _text = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_text)
            {
                _text.AppendLine(line);
                if (_text.Length > MaxChars)
                {
                    _text.Remove(0, _text.Length - MaxChars);
                }
            }
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _text.Length == 0 ? "(empty)" : _text.ToString();
            }
        }
    }
}
