using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Rinkel.Internal.Loading
{
    /// <summary>
    /// The module's private load context on .NET: Rinkel.Client and every package it needs, from Dependencies/.
    /// Its <see cref="Load"/> runs before any fallback to the default context, so a copy of Microsoft.Extensions.Http
    /// (or anything else the module ships) that another module loaded into the default context, older or newer, is never
    /// used by the module, and the module's copy is never seen by anyone else.
    /// </summary>
    /// <remarks>
    /// Rinkel.Models is deferred to the context Rinkel.dll lives in: the models are the types users hold and name
    /// ([Rinkel.User]), so the client must return instances of the very types PowerShell resolves, never a private copy.
    /// Framework assemblies are the other exception: when the host already has one in an equal or newer version
    /// (System.Text.Json on PowerShell 7.4+, System.Memory, System.Buffers, System.Diagnostics.DiagnosticSource ...),
    /// <see cref="Load"/> declines and the default context supplies the host's, so there is one System.Text.Json in the
    /// process. On an older host (System.Text.Json 6 on PowerShell 7.2) the shipped copy loads here instead.
    /// Built against the System.Runtime.Loader 4.3.0 reference (compile time only), whose protected parameterless
    /// constructor gives a non-collectible context; names arrived with .NET Core 3, so <see cref="ToString"/> names it.
    /// </remarks>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private static readonly Lazy<DependencyLoadContext> Shared =
            new Lazy<DependencyLoadContext>(() => new DependencyLoadContext());

        private static readonly Lazy<Dictionary<string, string>> HostAssemblies =
            new Lazy<Dictionary<string, string>>(ReadHostAssemblies);

        private DependencyLoadContext()
        {
        }

        public static DependencyLoadContext Instance => Shared.Value;

        public Assembly LoadClient() => LoadFromAssemblyName(new AssemblyName(ModuleFolder.ClientName));

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (!string.IsNullOrEmpty(assemblyName.CultureName)) return null;
            if (ModuleFolder.IsModels(assemblyName.Name)) return CoreResolver.HostContext().LoadFromAssemblyName(assemblyName);
            var path = ModuleFolder.ShippedFile(assemblyName.Name);
            if (path == null || HostProvides(assemblyName, path)) return null; // the default context answers
            return LoadFromAssemblyPath(path);
        }

        public override string ToString() => "Rinkel module dependencies (" + ModuleFolder.Dependencies + ")";

        /// <summary>
        /// True when the host has a framework assembly of this name in a version at least that of the request and of
        /// the shipped file. Only platform names count (System.*, Microsoft.Win32.*, netstandard ...): packages such as
        /// Microsoft.Extensions.* or Microsoft.Bcl.* always come from Dependencies/, whatever the host carries.
        /// </summary>
        internal static bool HostProvides(AssemblyName requested, string shippedPath)
        {
            var name = requested.Name;
            if (name == null || !IsPlatformName(name) || !HostAssemblies.Value.TryGetValue(name, out var hostPath)) return false;
            Version? host, needed;
            try
            {
                host = ModuleFolder.NameOf(hostPath).Version;
                needed = ModuleFolder.NameOf(shippedPath).Version;
            }
            catch (Exception e) when (e is IOException || e is BadImageFormatException || e is UnauthorizedAccessException)
            {
                return false;
            }
            if (requested.Version != null && (needed == null || requested.Version > needed)) needed = requested.Version;
            return host != null && (needed == null || host >= needed);
        }

        private static bool IsPlatformName(string name) =>
            name.StartsWith("System.", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Microsoft.Win32.", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "netstandard", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Microsoft.CSharp", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Microsoft.VisualBasic", StringComparison.OrdinalIgnoreCase);

        /// <summary>The host's trusted platform assemblies (framework and host app), else the runtime's own folder.</summary>
        private static Dictionary<string, string> ReadHostAssemblies()
        {
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa && tpa.Length > 0)
            {
                foreach (var file in tpa.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) map[Path.GetFileNameWithoutExtension(file)] = file;
                }
            }
            else if (Path.GetDirectoryName(typeof(object).Assembly.Location) is string runtime && runtime.Length > 0)
            {
                foreach (var file in Directory.GetFiles(runtime, "*.dll")) map[Path.GetFileNameWithoutExtension(file)] = file;
            }
            return map;
        }
    }
}
