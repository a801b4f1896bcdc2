using System.Diagnostics;
using System.Text.Json;

namespace Rinkel.Benchmarks;

/// <summary>
/// Runs this same program as a child process with a hidden sub-command, for figures that need a fresh process
/// (first import, first call, peak memory). The child prints one line "RESULT {json}" on standard output.
/// Every child is started the same way, with the same runtime configuration, so GC settings are identical.
/// </summary>
internal static class ChildProcess
{
    private const string ResultPrefix = "RESULT ";

    public static async Task<T> RunAsync<T>(string verb, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        start.ArgumentList.Add(verb);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start a child process.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var wait = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The child '{verb}' did not finish within {timeout.TotalSeconds:0} s. Its stderr: {await stderr}");
            }
        }

        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"The child '{verb} {string.Join(' ', arguments)}' exited with {process.ExitCode}:\n{errors}\n{output}");
        var line = output.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The child '{verb}' printed no result line:\n{output}\n{errors}");
        return JsonSerializer.Deserialize<T>(line[ResultPrefix.Length..])
            ?? throw new InvalidOperationException($"The child '{verb}' printed an empty result.");
    }

    /// <summary>Called in the child: prints the result line the parent looks for.</summary>
    public static void Report<T>(T result)
    {
        Console.Out.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        Console.Out.Flush();
    }

    // The muxer that runs this process when there is one, else PATH's dotnet.
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? self : "dotnet";
    }

    /// <summary>The named values of a child's command line: --name value pairs.</summary>
    public static Dictionary<string, string> Named(string[] args)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected child argument '{args[i]}'.");
            named[args[i][2..]] = args[i + 1];
        }

        return named;
    }
}
