using System.Diagnostics;
using System.Reflection;
using Rinkel.Testing;

namespace Rinkel.SideBySide.Tests;

/// <summary>One loaded assembly as the scenario host saw it through [AppDomain]::CurrentDomain.GetAssemblies().</summary>
public sealed record LoadedAssembly(string Name, Version Version, string Location, string Context, bool InDefaultContext);

/// <summary>What one scenario process printed.</summary>
public sealed class ScenarioRun
{
    public ScenarioRun(string scenario, int exitCode, string output, string error)
    {
        Scenario = scenario;
        ExitCode = exitCode;
        Output = output;
        Error = error;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=');
            if (equals <= 0) continue;
            var key = line[..equals];
            var value = line[(equals + 1)..];
            if (key == "asm")
            {
                var parts = value.Split('|');
                Assemblies.Add(new LoadedAssembly(parts[0], Version.Parse(parts[1]), parts[2], parts[3], bool.Parse(parts[4])));
            }
            else
            {
                Facts[key] = value;
            }
        }
    }

    public string Scenario { get; }
    public int ExitCode { get; }
    public string Output { get; }
    public string Error { get; }
    public Dictionary<string, string> Facts { get; } = [];
    public List<LoadedAssembly> Assemblies { get; } = [];

    public string Fact(string key) =>
        Facts.TryGetValue(key, out var value) ? value : throw new Xunit.Sdk.XunitException($"'{Scenario}' did not report {key}.\n{this}");

    public IEnumerable<LoadedAssembly> Named(string name) => Assemblies.Where(a => a.Name == name);

    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs tests/Rinkel.SideBySide.Host once per scenario, each in a fresh process (a fresh default context).</summary>
public static class ScenarioHost
{
    public static string ModulePath => Metadata("RinkelModulePath");

    public static string ModuleDirectory => Path.GetDirectoryName(Path.GetFullPath(ModulePath))!;

    public static string DependencyDirectory => Path.Combine(ModuleDirectory, "Dependencies");

    public static string OtherModule(string version) => Path.Combine(AppContext.BaseDirectory, "OtherModules", version);

    public static ScenarioRun Run(string scenario, string otherModule, FakeRinkelApi api)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Metadata("SideBySideHostPath"), scenario, ModulePath, otherModule, api.BaseUri + "/" }) start.ArgumentList.Add(arg);
        start.Environment["RINKEL_SXS_KEY"] = api.ApiKey;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Scenario {scenario} did not finish within 2 minutes.");
        }
        var run = new ScenarioRun(scenario, process.ExitCode, output.Result, error.Result);
        Assert.True(run.ExitCode == 0 && run.Output.Contains("done"), $"Scenario {scenario} failed: {run}");
        return run;
    }

    private static string Metadata(string key) =>
        typeof(ScenarioHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
