using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Rinkel.Benchmarks;

/// <summary>
/// The two modules the benchmark imports. Both are copied to a private folder first, so a build that lays out
/// out/Rinkel again in the middle of a run (another engineer's dotnet build) cannot swap files under it.
/// </summary>
internal sealed class Modules : IDisposable
{
    private readonly string _root;

    private Modules(string root, string rinkel, string baseline, string source, string configuration)
    {
        _root = root;
        RinkelManifest = rinkel;
        BaselineManifest = baseline;
        Source = source;
        Configuration = configuration;
    }

    /// <summary>The snapshot of out/Rinkel/Rinkel.psd1.</summary>
    public string RinkelManifest { get; }

    /// <summary>The client assembly the module loads, for the JSON figure.</summary>
    public string ClientAssembly => Path.Combine(Path.GetDirectoryName(RinkelManifest)!, "Dependencies", "Rinkel.Client.dll");

    public string BaselineManifest { get; }

    /// <summary>
    /// A copy of the Rinkel manifest without FormatsToProcess, beside the real one (same Rinkel.dll): what the import
    /// costs without loading the format file, to tell the format file's share from the assembly's.
    /// </summary>
    public string RinkelWithoutFormatsManifest => Path.Combine(Path.GetDirectoryName(RinkelManifest)!, "RinkelNoFormats.psd1");

    /// <summary>The baseline module with a minimal format file (one list view of one property).</summary>
    public string BaselineWithMinimalFormatManifest => Path.Combine(Path.GetDirectoryName(BaselineManifest)!, "BaselineWithMinimalFormat.psd1");

    /// <summary>The baseline module with Rinkel's format file added: what any module pays for a format file.</summary>
    public string BaselineWithFormatsManifest => Path.Combine(Path.GetDirectoryName(BaselineManifest)!, "BaselineWithFormats.psd1");

    /// <summary>Where the Rinkel module was copied from.</summary>
    public string Source { get; }

    /// <summary>The build configuration stamped in Rinkel.dll and Rinkel.Client.dll (AssemblyConfiguration).</summary>
    public string Configuration { get; }

    public static Modules Snapshot(string? modulePath)
    {
        var manifest = modulePath ?? Metadata("RinkelModulePath");
        var source = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        if (!File.Exists(manifest))
            throw new FileNotFoundException($"The module manifest {manifest} does not exist. Build first: dotnet build -c Release Rinkel.PowerShell.sln.", manifest);
        var baselineDll = Metadata("BaselineModuleDll");
        if (!File.Exists(baselineDll))
            throw new FileNotFoundException($"The baseline module {baselineDll} is not built.", baselineDll);

        var root = Path.Combine(Path.GetTempPath(), "rinkel-bench-" + Environment.ProcessId);
        var rinkelDir = Path.Combine(root, "Rinkel");
        var baselineDir = Path.Combine(root, "Baseline");
        CopyDirectory(source, rinkelDir);
        Directory.CreateDirectory(baselineDir);
        File.Copy(baselineDll, Path.Combine(baselineDir, Path.GetFileName(baselineDll)));
        File.Copy(Path.ChangeExtension(baselineDll, ".psd1"), Path.Combine(baselineDir, Path.GetFileNameWithoutExtension(baselineDll) + ".psd1"));

        var rinkelManifest = Path.Combine(rinkelDir, Path.GetFileName(manifest));
        var baselineManifest = Path.Combine(baselineDir, Path.GetFileNameWithoutExtension(baselineDll) + ".psd1");
        foreach (var format in Directory.GetFiles(rinkelDir, "*.Format.ps1xml"))
            File.Copy(format, Path.Combine(baselineDir, Path.GetFileName(format)));
        var formats = string.Join(", ", Directory.GetFiles(rinkelDir, "*.Format.ps1xml").Select(f => "'" + Path.GetFileName(f) + "'"));
        File.WriteAllText(Path.Combine(baselineDir, "BaselineWithFormats.psd1"), System.Text.RegularExpressions.Regex.Replace(
            File.ReadAllText(baselineManifest), @"(?m)^(\s*)CmdletsToExport", "$1FormatsToProcess = @(" + formats + ")\n$1CmdletsToExport"));
        File.WriteAllText(Path.Combine(baselineDir, "Minimal.Format.ps1xml"), MinimalFormat);
        File.WriteAllText(Path.Combine(baselineDir, "BaselineWithMinimalFormat.psd1"), System.Text.RegularExpressions.Regex.Replace(
            File.ReadAllText(baselineManifest), @"(?m)^(\s*)CmdletsToExport", "$1FormatsToProcess = @('Minimal.Format.ps1xml')\n$1CmdletsToExport"));
        var withoutFormats = System.Text.RegularExpressions.Regex.Replace(
            File.ReadAllText(rinkelManifest), @"(?m)^\s*FormatsToProcess\s*=.*$", "");
        File.WriteAllText(Path.Combine(rinkelDir, "RinkelNoFormats.psd1"), withoutFormats);
        var configurations = new[] { Path.Combine(rinkelDir, "Rinkel.dll"), Path.Combine(rinkelDir, "Dependencies", "Rinkel.Client.dll") }
            .Select(ConfigurationOf).Distinct().ToList();
        return new Modules(root, rinkelManifest, baselineManifest, source, string.Join("+", configurations));
    }

    private const string MinimalFormat = """
        <?xml version="1.0" encoding="utf-8"?>
        <Configuration>
          <ViewDefinitions>
            <View>
              <Name>Baseline.List</Name>
              <ViewSelectedBy><TypeName>Rinkel.Benchmarks.Baseline.Thing</TypeName></ViewSelectedBy>
              <ListControl><ListEntries><ListEntry><ListItems>
                <ListItem><PropertyName>Name</PropertyName></ListItem>
              </ListItems></ListEntry></ListEntries></ListControl>
            </View>
          </ViewDefinitions>
        </Configuration>
        """;

    public static string Metadata(string key) =>
        typeof(Modules).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>Reads [AssemblyConfiguration("...")] without loading the assembly into this process.</summary>
    private static string ConfigurationOf(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
            var ctor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (ctor.Parent.Kind != HandleKind.TypeReference) continue;
            var type = reader.GetTypeReference((TypeReferenceHandle)ctor.Parent);
            if (reader.GetString(type.Name) != "AssemblyConfigurationAttribute") continue;
            var blob = reader.GetBlobReader(attribute.Value);
            blob.ReadUInt16(); // prolog
            return blob.ReadSerializedString() ?? "?";
        }

        return "unknown";
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        foreach (var dir in Directory.GetDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
