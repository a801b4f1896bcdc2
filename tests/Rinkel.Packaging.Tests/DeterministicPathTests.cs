using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Rinkel.Packaging.Tests.Infrastructure;

namespace Rinkel.Packaging.Tests;

/// <summary>The shipped assemblies and PDBs name their sources by repository-relative paths, never the build machine's.</summary>
public sealed class DeterministicPathTests
{
    public static TheoryData<string> ShippedAssemblies() =>
        new(Directory.EnumerateFiles(Repo.ModuleDirectory, "Rinkel*.dll", SearchOption.AllDirectories).Select(Path.GetFileName)!);

    private static string Find(string name) =>
        Directory.EnumerateFiles(Repo.ModuleDirectory, name, SearchOption.AllDirectories).Single();

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void Pdb_path_and_source_documents_carry_no_build_machine_path(string assembly)
    {
        var root = Repo.Root.TrimEnd('/', '\\');
        var dll = Find(assembly);

        using var pe = new PEReader(File.OpenRead(dll));
        var codeView = pe.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.CodeView);
        var pdbPath = pe.ReadCodeViewDebugDirectoryData(codeView).Path;
        Assert.StartsWith("/_/", pdbPath);

        var pdb = Path.ChangeExtension(dll, ".pdb");
        using var provider = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdb));
        var reader = provider.GetMetadataReader();
        var documents = reader.Documents.Select(h => reader.GetString(reader.GetDocument(h).Name)).ToList();
        Assert.NotEmpty(documents);
        Assert.All(documents, d => Assert.StartsWith("/_/src/", d));
        Assert.All(documents, d => Assert.DoesNotContain(root, d));
    }
}
