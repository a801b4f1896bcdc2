using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Rinkel.Packaging.Tests.Infrastructure;

/// <summary>
/// Packs the built module once per test run with `build.ps1 -Task Package -NoBuild` (Compress-PSResource on the
/// PowerShell 7.6.9 tool, `dotnet pwsh`), into a temporary folder so nothing in out/ changes: the release package of
/// out/Rinkel, and a prerelease package of a copy whose manifest says Prerelease = 'beta1'.
/// </summary>
public sealed class PackagesFixture : IAsyncLifetime
{
    public const string Prerelease = "beta1";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "rinkel-pack-" + Guid.NewGuid().ToString("N"));

    public string ReleasePackage { get; private set; } = "";

    public string PrereleasePackage { get; private set; } = "";

    public string PrereleaseModule => Path.Combine(_root, "prerelease", "Rinkel");

    public async Task InitializeAsync()
    {
        var releaseOut = Path.Combine(_root, "release");
        var prereleaseOut = Path.Combine(_root, "prerelease");
        CopyDirectory(Repo.ModuleDirectory, PrereleaseModule);
        var manifest = Path.Combine(PrereleaseModule, "Rinkel.psd1");
        var text = File.ReadAllText(manifest);
        var stamped = Regex.Replace(text, @"(?m)^(\s*Prerelease\s*=\s*)'[^']*'", "${1}'" + Prerelease + "'");
        if (stamped == text) throw new InvalidOperationException("The built manifest has no Prerelease line to stamp.");
        File.WriteAllText(manifest, stamped);

        var release = PackAsync(Repo.ModuleDirectory, releaseOut);
        var prerelease = PackAsync(PrereleaseModule, prereleaseOut);
        await Task.WhenAll(release, prerelease);
        ReleasePackage = SinglePackage(releaseOut);
        PrereleasePackage = SinglePackage(prereleaseOut);
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    private static string SinglePackage(string directory)
    {
        var packages = Directory.GetFiles(directory, "*.nupkg");
        return packages.Length == 1 ? packages[0] : throw new InvalidOperationException($"Expected one nupkg in {directory}, found {packages.Length}.");
    }

    private static async Task PackAsync(string moduleDirectory, string outputDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repo.Root, // where dotnet finds the tool manifest (.config/dotnet-tools.json)
        };
        foreach (var arg in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", Path.Combine(Repo.Root, "build.ps1"), "-Task", "Package", "-NoBuild", "-ModuleDirectory", moduleDirectory, "-OutputDirectory", outputDirectory })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pwsh build.ps1 -Task Package failed ({process.ExitCode}; run `dotnet tool restore` first if pwsh is missing):\n{await output}\n{await error}");
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
