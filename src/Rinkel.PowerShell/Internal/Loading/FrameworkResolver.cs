using System;
using System.IO;
using System.Reflection;

namespace Rinkel.Internal.Loading
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework): an AppDomain.AssemblyResolve handler in place of the binding redirects
    /// a module cannot ship. Rinkel.dll is loaded with LoadFrom, so the binder already finds a Dependencies/ file of the
    /// exact version next to the assembly that asks; it fails for Rinkel.Client (not next to Rinkel.dll), for
    /// Rinkel.Models asked for by the client (the models sit at the root, and the answer is the very file
    /// RequiredAssemblies loaded, so there is one copy of each model type) and where the
    /// package graph mixes versions: System.Memory 4.0.1.2 asks for System.Runtime.CompilerServices.Unsafe 4.0.4.1 and the
    /// module ships 6.0.0.0; likewise System.Buffers 4.0.2.0 (4.0.3.0 shipped) and System.ComponentModel.Annotations
    /// 4.2.0.0 (4.2.1.0). The handler answers exactly those requests with the shipped file.
    /// </summary>
    internal static class FrameworkResolver
    {
        public static void Attach() => AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;

        public static void Detach() => AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;

        private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
        {
            string? requester = null;
            if (args.RequestingAssembly != null)
            {
                try { requester = args.RequestingAssembly.Location ?? ""; }
                catch (NotSupportedException) { requester = ""; } // a dynamic assembly: never the module's
            }
            var path = ResolvePath(args.Name, requester);
            return path == null ? null : Assembly.LoadFrom(path);
        }

        /// <summary>
        /// The shipped file that answers a failed load of <paramref name="requestedName"/>, or null to let others answer.
        /// </summary>
        /// <param name="requestedName">The display name that could not be loaded.</param>
        /// <param name="requester">
        /// Location of the assembly whose reference failed: null when the runtime does not say, "" for one without a file.
        /// </param>
        /// <remarks>
        /// Answers only names the module ships in Dependencies/, with the shipped file's public key token, and:
        /// for a request by one of the module's own assemblies, any version (older or different: the redirect);
        /// for a request by another assembly, never (that module's loads are its own business);
        /// for a request whose requester is unknown, Rinkel.Client, or a version no newer than the shipped one.
        /// </remarks>
        internal static string? ResolvePath(string requestedName, string? requester)
        {
            AssemblyName requested;
            try { requested = new AssemblyName(requestedName); }
            catch (Exception e) when (e is ArgumentException || e is FileLoadException) { return null; }
            if (!string.IsNullOrEmpty(requested.CultureName)) return null; // satellite resources: none are shipped
            var path = ModuleFolder.ShippedFile(requested.Name);
            if (path == null) return null;
            if (requester != null && !ModuleFolder.Contains(requester)) return null;
            AssemblyName shipped;
            try { shipped = ModuleFolder.NameOf(path); }
            catch (Exception e) when (e is IOException || e is BadImageFormatException || e is UnauthorizedAccessException) { return null; }
            if (!ModuleFolder.SameKey(requested, shipped)) return null;
            var isClient = string.Equals(requested.Name, ModuleFolder.ClientName, StringComparison.OrdinalIgnoreCase);
            if (requester == null && !isClient && requested.Version != null && shipped.Version != null && requested.Version > shipped.Version)
            {
                return null;
            }
            return path;
        }
    }
}
