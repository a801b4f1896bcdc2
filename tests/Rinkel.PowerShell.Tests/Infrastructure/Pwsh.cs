using System.Diagnostics;

namespace Rinkel.PowerShell.Tests.Infrastructure;

/// <summary>
/// Runs a real pwsh process, for what only a whole process shows (exit codes of pwsh -File). pwsh is found as
/// RINKEL_PWSH, else the repository's pinned tool (.config/dotnet-tools.json, after dotnet tool restore), else on PATH.
/// </summary>
public static class Pwsh
{
    private static readonly Lazy<(string FileName, string[] Prefix)?> Located = new(Locate);

    public sealed record Run(int ExitCode, string Output, string Error);

    public static Run Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var (fileName, prefix) = Located.Value ?? throw new InvalidOperationException(
            "pwsh was not found: run 'dotnet tool restore' in the repository, put pwsh on PATH, or set RINKEL_PWSH to its path.");
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Concat(arguments)) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("pwsh did not finish within 2 minutes: " + string.Join(" ", arguments));
        }
        return new Run(process.ExitCode, output.Result, error.Result);
    }

    private static (string, string[])? Locate()
    {
        if (Environment.GetEnvironmentVariable("RINKEL_PWSH") is { Length: > 0 } explicitPath) return (explicitPath, []);
        // 'dotnet pwsh' finds the manifest from the working directory up, so the process starts in the repository.
        if (File.Exists(Path.Combine(ModuleSession.RepoRoot, ".config", "dotnet-tools.json")) && Works("dotnet", ["pwsh"]))
            return ("dotnet", ["pwsh"]);
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? new[] { "pwsh.exe" } : ["pwsh"])
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate)) return (candidate, []);
            }
        }
        return null;
    }

    private static bool Works(string fileName, string[] prefix)
    {
        try
        {
            var start = new ProcessStartInfo(fileName) { WorkingDirectory = ModuleSession.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in prefix.Concat(["-NoProfile", "-NonInteractive", "-Command", "exit 7"])) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            return process.WaitForExit(60_000) && process.ExitCode == 7;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
