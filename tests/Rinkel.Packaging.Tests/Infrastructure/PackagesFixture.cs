using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Rinkel.Packaging.Tests.Infrastructure;

/// <summary>
/// Packs the built module once per test run with the real MSBuild target, the way `dotnet pack` and
/// `./build.ps1 -Task Package` do, into a temporary folder so nothing in out/ changes:
/// the release package of out/Rinkel, and a prerelease package of a copy whose manifest says Prerelease = 'beta1'.
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

        var release = PackAsync(releaseOut);
        var prerelease = PackAsync(prereleaseOut, "-p:ModuleOutDir=" + PrereleaseModule + Path.DirectorySeparatorChar);
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

    private static async Task PackAsync(string outputDirectory, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "msbuild", Repo.PowerShellProject, "-t:PackModule", "-p:NoBuild=true", "-p:ModulePackageDir=" + outputDirectory + Path.DirectorySeparatorChar, "-nologo", "-nodeReuse:false", "-v:m" }.Concat(extra))
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
            throw new InvalidOperationException($"dotnet msbuild -t:PackModule failed ({process.ExitCode}):\n{await output}\n{await error}");
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
