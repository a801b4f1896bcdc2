using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Rinkel.Packaging.Tests.Infrastructure;

/// <summary>Where things are, as baked in at build time.</summary>
public static class Repo
{
    public static string Root => Path.GetFullPath(Metadata("RepoRoot"));

    /// <summary>out/Rinkel, the laid-out module folder.</summary>
    public static string ModuleDirectory => Path.GetFullPath(Metadata("ModuleDirectory"));

    public static string DependencyDirectory => Path.Combine(ModuleDirectory, "Dependencies");

    /// <summary>$(Version) from Directory.Build.props: RinkelVersion[-RinkelPrerelease].</summary>
    public static string Version => Metadata("ModuleVersion");

    public static string Net472ReferenceAssemblies => Path.GetFullPath(Metadata("Net472ReferenceAssemblies"));

    public static string PowerShellProject => Path.Combine(Root, "src", "Rinkel.PowerShell", "Rinkel.PowerShell.csproj");

    /// <summary>Files of the module folder relative to it, with '/' separators, sorted.</summary>
    public static IReadOnlyList<string> ModuleFiles(string? directory = null)
    {
        directory ??= ModuleDirectory;
        return Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string Metadata(string key) =>
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

/// <summary>An assembly file's identity and references, read with System.Reflection.Metadata (nothing is loaded).</summary>
public sealed record AssemblyImage(string Path, AssemblyName Name, IReadOnlyList<AssemblyName> References)
{
    public static AssemblyImage Read(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var reader = pe.GetMetadataReader();
        var name = reader.GetAssemblyDefinition().GetAssemblyName();
        var references = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h).GetAssemblyName()).ToList();
        return new AssemblyImage(path, name, references);
    }

    public static bool IsAssembly(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        return pe.HasMetadata && pe.GetMetadataReader().IsAssembly;
    }
}
