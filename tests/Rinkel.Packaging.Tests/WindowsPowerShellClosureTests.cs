using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Rinkel.Packaging.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rinkel.Packaging.Tests;

/// <summary>
/// Windows PowerShell 5.1 runs on .NET Framework 4.7.2+, where nothing but the binder and the module's own
/// AppDomain.AssemblyResolve handler stand between a reference and "Could not load file or assembly". Every reference
/// of every assembly in out/Rinkel must land on the framework, the host, or a file the module ships; where a shipped
/// file's version differs from the reference (the binding redirects a module cannot have), the handler must answer.
/// </summary>
public sealed class WindowsPowerShellClosureTests(ITestOutputHelper log)
{
    /// <summary>What powershell.exe itself carries (the GAC), beyond the framework.</summary>
    private static readonly Dictionary<string, Version> WindowsPowerShellHost = new()
    {
        ["System.Management.Automation"] = new Version(3, 0, 0, 0),
    };

    /// <summary>
    /// Referenced, but only from code that runs on .NET (PowerShell 7): the private load context. The closure test
    /// checks below that nothing .NET Framework loads can reach it.
    /// </summary>
    private const string CoreOnly = "System.Runtime.Loader";

    private enum Outcome { Framework, Host, Probed, Redirected, CoreOnly, Unresolved }

    private sealed record Resolution(AssemblyImage From, AssemblyName Reference, Outcome Outcome, string Detail);

    [Fact]
    public void Every_reference_resolves_on_NET_Framework_4_7_2()
    {
        var resolutions = ResolveAll();
        foreach (var r in resolutions.Where(r => r.Outcome is not Outcome.Framework))
        {
            log.WriteLine($"{System.IO.Path.GetFileName(r.From.Path)} -> {r.Reference.Name} {r.Reference.Version}: {r.Outcome} {r.Detail}");
        }

        var unresolved = resolutions.Where(r => r.Outcome == Outcome.Unresolved).Select(r => $"{r.From.Name.Name} -> {r.Reference.FullName}: {r.Detail}").ToList();
        Assert.True(unresolved.Count == 0, "Windows PowerShell could not load:\n" + string.Join("\n", unresolved));

        // Not vacuous: the classic mismatches are there, and the handler covers them.
        Assert.Contains(resolutions, r => r.Outcome == Outcome.Redirected && r.Reference.Name == "System.Runtime.CompilerServices.Unsafe" && r.Reference.Version < new Version(6, 0));
        Assert.Contains(resolutions, r => r.Outcome == Outcome.Redirected && r.Reference.Name == "System.Buffers");
        Assert.Contains(resolutions, r => r.Outcome == Outcome.Redirected && r.Reference.Name == "Rinkel.Client" && r.From.Name.Name == "Rinkel");
        // The models sit at the root: probed for Rinkel.dll, answered by the handler for the client in Dependencies/.
        Assert.Contains(resolutions, r => r.Outcome == Outcome.Probed && r.Reference.Name == "Rinkel.Models" && r.From.Name.Name == "Rinkel");
        Assert.Contains(resolutions, r => r.Outcome == Outcome.Redirected && r.Reference.Name == "Rinkel.Models" && r.From.Name.Name == "Rinkel.Client");
        // Dependency-free: nothing but the framework.
        var models = Assert.Single(ModuleAssemblies(), a => a.Name.Name == "Rinkel.Models");
        Assert.All(resolutions.Where(r => r.From.Name.Name == "Rinkel.Models"), r => Assert.Equal(Outcome.Framework, r.Outcome));
        Assert.Equal(Repo.ModuleDirectory.TrimEnd(Path.DirectorySeparatorChar), Path.GetDirectoryName(models.Path));
        Assert.Contains(resolutions, r => r.Outcome == Outcome.Probed && r.Reference.Name == "Microsoft.Extensions.Http");
    }

    [Fact]
    public void The_load_context_reference_is_only_reachable_on_NET()
    {
        var users = ModuleAssemblies().Where(a => a.References.Any(r => r.Name == CoreOnly)).ToList();
        var rinkel = Assert.Single(users);
        Assert.Equal("Rinkel", rinkel.Name.Name);

        // Windows PowerShell reflects over Rinkel.dll's public types on import: none may derive from or expose a
        // System.Runtime.Loader type. The subclass of AssemblyLoadContext must be internal, in the loading namespace.
        using var pe = new PEReader(File.OpenRead(rinkel.Path));
        var reader = pe.GetMetadataReader();
        var loaderScope = reader.AssemblyReferences.Single(h => reader.GetString(reader.GetAssemblyReference(h).Name) == CoreOnly);
        var loaderTypes = reader.TypeReferences
            .Where(h => reader.GetTypeReference(h).ResolutionScope == (EntityHandle)loaderScope)
            .ToHashSet();
        Assert.Equal(["AssemblyLoadContext"], loaderTypes.Select(h => reader.GetString(reader.GetTypeReference(h).Name)).Distinct());
        var subclasses = reader.TypeDefinitions.Select(reader.GetTypeDefinition)
            .Where(t => t.BaseType.Kind == HandleKind.TypeReference && loaderTypes.Contains((TypeReferenceHandle)t.BaseType))
            .ToList();
        var subclass = Assert.Single(subclasses);
        Assert.Equal("Rinkel.Internal.Loading", reader.GetString(subclass.Namespace));
        Assert.NotEqual(TypeAttributes.Public, subclass.Attributes & TypeAttributes.VisibilityMask);
        var provider = new ScopeNames();
        foreach (var type in reader.TypeDefinitions.Select(reader.GetTypeDefinition).Where(t => (t.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public))
        {
            var typeName = reader.GetString(type.Namespace) + "." + reader.GetString(type.Name);
            foreach (var field in type.GetFields().Select(reader.GetFieldDefinition))
            {
                Assert.DoesNotContain("[" + CoreOnly + "]", field.DecodeSignature(provider, null));
            }
            foreach (var method in type.GetMethods().Select(reader.GetMethodDefinition))
            {
                var signature = method.DecodeSignature(provider, null);
                Assert.False(signature.ParameterTypes.Append(signature.ReturnType).Any(t => t.Contains("[" + CoreOnly + "]")),
                    $"{typeName}.{reader.GetString(method.Name)} names a {CoreOnly} type in its signature.");
            }
        }
    }

    /// <summary>Type names in signatures as "[assembly]Namespace.Name", to see which assembly a signature needs.</summary>
    private sealed class ScopeNames : ISignatureTypeProvider<string, object?>
    {
        public string GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var type = r.GetTypeReference(handle);
            var scope = type.ResolutionScope.Kind == HandleKind.AssemblyReference
                ? r.GetString(r.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name)
                : "";
            return $"[{scope}]{r.GetString(type.Namespace)}.{r.GetString(type.Name)}";
        }

        public string GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) => r.GetString(r.GetTypeDefinition(handle).Name);
        public string GetTypeFromSpecification(MetadataReader r, object? context, TypeSpecificationHandle handle, byte rawTypeKind) => r.GetTypeSpecification(handle).DecodeSignature(this, context);
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPinnedType(string elementType) => elementType;
        public string GetGenericInstantiation(string genericType, System.Collections.Immutable.ImmutableArray<string> typeArguments) => genericType + "<" + string.Join(",", typeArguments) + ">";
        public string GetGenericMethodParameter(object? context, int index) => "!!" + index;
        public string GetGenericTypeParameter(object? context, int index) => "!" + index;
        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
    }

    private static List<AssemblyImage> ModuleAssemblies() =>
        Directory.GetFiles(Repo.ModuleDirectory, "*.dll", SearchOption.AllDirectories)
            .Where(AssemblyImage.IsAssembly)
            .Select(AssemblyImage.Read)
            .ToList();

    private static List<Resolution> ResolveAll()
    {
        var framework = Directory.GetFiles(Repo.Net472ReferenceAssemblies, "*.dll")
            .Concat(Directory.GetFiles(Path.Combine(Repo.Net472ReferenceAssemblies, "Facades"), "*.dll"))
            .Where(AssemblyImage.IsAssembly)
            .Select(AssemblyImage.Read)
            .ToDictionary(a => a.Name.Name!, a => a.Name.Version!, StringComparer.OrdinalIgnoreCase);
        Assert.True(framework.ContainsKey("mscorlib") && framework.ContainsKey("netstandard"), "The .NET Framework 4.7.2 reference assemblies were not found in " + Repo.Net472ReferenceAssemblies);

        var module = ModuleAssemblies();
        var shipped = module.ToDictionary(a => a.Name.Name!, StringComparer.OrdinalIgnoreCase);
        var results = new List<Resolution>();
        foreach (var assembly in module)
        {
            foreach (var reference in assembly.References)
            {
                results.Add(Resolve(assembly, reference, framework, shipped));
            }
        }
        return results;
    }

    private static Resolution Resolve(AssemblyImage from, AssemblyName reference, Dictionary<string, Version> framework, Dictionary<string, AssemblyImage> shipped)
    {
        var name = reference.Name!;
        var version = reference.Version ?? new Version(0, 0);
        if (framework.TryGetValue(name, out var frameworkVersion) && frameworkVersion >= version)
        {
            // .NET Framework unifies its own assemblies to the installed version.
            return new Resolution(from, reference, Outcome.Framework, frameworkVersion.ToString());
        }
        if (WindowsPowerShellHost.TryGetValue(name, out var hostVersion) && hostVersion >= version)
        {
            return new Resolution(from, reference, Outcome.Host, "Windows PowerShell " + hostVersion);
        }
        if (name == CoreOnly)
        {
            return from.Name.Name == "Rinkel"
                ? new Resolution(from, reference, Outcome.CoreOnly, "only in the .NET branch of Internal/Loading")
                : new Resolution(from, reference, Outcome.Unresolved, CoreOnly + " does not exist on .NET Framework");
        }
        if (!shipped.TryGetValue(name, out var file))
        {
            return new Resolution(from, reference, Outcome.Unresolved, "neither the framework, Windows PowerShell nor the module has it");
        }
        if (file.Name.Version < version)
        {
            return new Resolution(from, reference, Outcome.Unresolved, $"the module ships the older {file.Name.Version}");
        }

        // A module assembly is loaded with LoadFrom, so the binder probes its own folder: an exact version next to the
        // requester binds without help. Anything else reaches AppDomain.AssemblyResolve, where only the module's
        // handler can answer.
        var sameFolder = string.Equals(System.IO.Path.GetDirectoryName(file.Path), System.IO.Path.GetDirectoryName(from.Path), StringComparison.Ordinal);
        if (sameFolder && file.Name.Version == version)
        {
            return new Resolution(from, reference, Outcome.Probed, file.Path);
        }
        var answer = ModuleLoaderProbe.ResolvePath(reference.FullName, from.Path);
        return answer != null && System.IO.Path.GetFullPath(answer) == System.IO.Path.GetFullPath(file.Path)
            ? new Resolution(from, reference, Outcome.Redirected, $"-> {file.Name.Version} by the module's resolve handler")
            : new Resolution(from, reference, Outcome.Unresolved, $"ships {file.Name.Version} but the resolve handler answered {answer ?? "nothing"}");
    }
}
