using System.IO.Compression;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security.Cryptography;
using System.Xml.Linq;
using NuGet.Packaging;
using Rinkel.Packaging.Tests.Infrastructure;

namespace Rinkel.Packaging.Tests;

/// <summary>
/// The nupkg that goes to the PowerShell Gallery, made by PSResourceGet's Compress-PSResource (build.ps1 -Task Package),
/// as NuGet reads it, against the module folder and manifest.
/// </summary>
public sealed class ModulePackageTests(PackagesFixture packages) : IClassFixture<PackagesFixture>
{
    private static readonly string[] PackageParts = ["[Content_Types].xml", "_rels/.rels", "Rinkel.nuspec"];

    [Fact]
    public void Package_is_named_and_versioned_from_the_single_version_source()
    {
        Assert.Equal($"Rinkel.{Repo.Version}.nupkg", Path.GetFileName(packages.ReleasePackage));
        using var reader = new PackageArchiveReader(packages.ReleasePackage);
        var identity = reader.GetIdentity();
        Assert.Equal("Rinkel", identity.Id);
        Assert.Equal(Repo.Version, identity.Version.ToNormalizedString());
        Assert.Equal(Manifest().Version.ToString(), identity.Version.Version.ToString(3));
    }

    [Fact]
    public void Prerelease_goes_into_the_package_version_and_file_name()
    {
        Assert.Equal($"Rinkel.{Manifest().Version}-{PackagesFixture.Prerelease}.nupkg", Path.GetFileName(packages.PrereleasePackage));
        using var reader = new PackageArchiveReader(packages.PrereleasePackage);
        Assert.True(reader.GetIdentity().Version.IsPrerelease);
        Assert.Equal(PackagesFixture.Prerelease, reader.GetIdentity().Version.Release);
    }

    [Fact]
    public void Nuspec_carries_the_manifest_facts_the_Gallery_shows()
    {
        var manifest = Manifest();
        using var reader = new PackageArchiveReader(packages.ReleasePackage);
        var nuspec = reader.NuspecReader;
        Assert.Equal(manifest.Author, nuspec.GetAuthors());
        Assert.Equal(manifest.CompanyName, nuspec.GetOwners());
        Assert.Equal(manifest.Description, nuspec.GetDescription());
        Assert.Equal(manifest.Copyright, nuspec.GetCopyright());
        Assert.Equal(manifest.ProjectUri.ToString(), nuspec.GetProjectUrl());
        Assert.Equal(manifest.LicenseUri.ToString(), nuspec.GetLicenseUrl());
        Assert.Equal(manifest.ReleaseNotes, nuspec.GetReleaseNotes());
        Assert.False(nuspec.GetRequireLicenseAcceptance());
        Assert.Empty(nuspec.GetDependencyGroups());
        foreach (var value in new[] { manifest.Author, manifest.Description, manifest.Copyright })
        {
            Assert.False(string.IsNullOrWhiteSpace(value));
        }
    }

    [Fact]
    public void Tags_are_the_manifest_tags_and_PSModule()
    {
        // The Gallery derives the PSCmdlet_/PSCommand_/PSIncludes_ tags from the manifest when it receives the
        // package; what PSResourceGet writes is the module marker and the manifest's own tags.
        var manifest = Manifest();
        using var reader = new PackageArchiveReader(packages.ReleasePackage);
        var tags = reader.NuspecReader.GetTags().Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(tags.Length, tags.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(manifest.Tags.Append("PSModule").Order(StringComparer.Ordinal), tags.Order(StringComparer.Ordinal));
        Assert.Contains("PSEdition_Desktop", tags);
        Assert.Contains("PSEdition_Core", tags);
    }

    [Fact]
    public void Package_root_holds_exactly_the_module_folder_byte_for_byte()
    {
        using var zip = ZipFile.OpenRead(packages.ReleasePackage);
        var moduleEntries = zip.Entries
            .Where(e => !PackageParts.Contains(e.FullName) && !e.FullName.StartsWith("package/", StringComparison.Ordinal))
            .ToDictionary(e => e.FullName);

        Assert.Equal(Repo.ModuleFiles(), moduleEntries.Keys.Order(StringComparer.Ordinal));
        foreach (var file in Repo.ModuleFiles())
        {
            using var entry = moduleEntries[file].Open();
            Assert.True(SHA256.HashData(entry).AsSpan().SequenceEqual(SHA256.HashData(File.ReadAllBytes(Path.Combine(Repo.ModuleDirectory, file)))), file + " differs from the module folder's.");
        }
        Assert.Contains("Rinkel.psd1", moduleEntries.Keys);
        Assert.Contains("Rinkel.dll", moduleEntries.Keys);
        Assert.Contains("LICENSE", moduleEntries.Keys);
        Assert.Contains("Rinkel.Models.dll", moduleEntries.Keys);
        Assert.Contains("Dependencies/Rinkel.Client.dll", moduleEntries.Keys);
    }

    [Fact]
    public void Every_part_has_a_content_type_and_the_nuspec_is_the_manifest_relationship()
    {
        using var zip = ZipFile.OpenRead(packages.ReleasePackage);
        XNamespace ct = "http://schemas.openxmlformats.org/package/2006/content-types";
        var types = XDocument.Load(zip.GetEntry("[Content_Types].xml")!.Open()).Root!;
        var defaults = types.Elements(ct + "Default").Select(e => (string)e.Attribute("Extension")!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var overrides = types.Elements(ct + "Override").Select(e => (string)e.Attribute("PartName")!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in zip.Entries.Where(e => e.FullName != "[Content_Types].xml"))
        {
            var extension = Path.GetExtension(entry.Name).TrimStart('.');
            Assert.True(defaults.Contains(extension) || overrides.Contains("/" + entry.FullName), entry.FullName + " has no content type.");
        }

        XNamespace rel = "http://schemas.openxmlformats.org/package/2006/relationships";
        var relationships = XDocument.Load(zip.GetEntry("_rels/.rels")!.Open()).Root!.Elements(rel + "Relationship").ToList();
        var manifest = Assert.Single(relationships, r => (string?)r.Attribute("Type") == "http://schemas.microsoft.com/packaging/2010/07/manifest");
        Assert.Equal("/Rinkel.nuspec", (string?)manifest.Attribute("Target"));
        var core = Assert.Single(relationships, r => ((string?)r.Attribute("Type"))!.EndsWith("/metadata/core-properties", StringComparison.Ordinal));
        Assert.NotNull(zip.GetEntry(((string)core.Attribute("Target")!).TrimStart('/')));
    }

    [Fact]
    public void The_MIT_licence_ships_in_the_module_folder()
    {
        var shipped = File.ReadAllText(Path.Combine(Repo.ModuleDirectory, "LICENSE"));
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, "LICENSE")), shipped);
        Assert.StartsWith("MIT License", shipped);
        Assert.Contains(Manifest().CompanyName, shipped);
    }

    private static readonly Lazy<PSModuleInfo> BuiltManifest = new(ReadManifest);

    /// <summary>The built manifest as PowerShell itself reads it.</summary>
    private static PSModuleInfo Manifest() => BuiltManifest.Value;

    private static PSModuleInfo ReadManifest()
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddCommand("Test-ModuleManifest").AddParameter("Path", Path.Combine(Repo.ModuleDirectory, "Rinkel.psd1")).AddParameter("ErrorAction", "Stop");
        return (PSModuleInfo)ps.Invoke().Single().BaseObject;
    }
}
