using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Rinkel.Internal.Loading
{
    /// <summary>
    /// PowerShell 7 (.NET): hooks the load context Rinkel.dll lives in (the default context under pwsh) and answers it
    /// for two names only. Rinkel.Client loads into <see cref="DependencyLoadContext"/>, so the client's own references
    /// resolve inside that private context and other modules' copies of Microsoft.Extensions.* and the like, loaded
    /// before or after, never meet the module's copies. Rinkel.Models, the public models, loads into the host context
    /// itself from the module root (RequiredAssemblies normally has it there already), so the user's [Rinkel.User],
    /// Rinkel.dll and the private client all see one and the same type. Every other request is left to the host.
    /// </summary>
    /// <remarks>
    /// No field or signature outside this class's method bodies names a System.Runtime.Loader type, and the methods are
    /// never inlined into callers, so .NET Framework, which has no System.Runtime.Loader, never compiles them.
    /// </remarks>
    internal static class CoreResolver
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Attach() => HostContext().Resolving += OnResolving;

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Detach() => HostContext().Resolving -= OnResolving;

        /// <summary>The context Rinkel.dll (and so Rinkel.Models) lives in.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static AssemblyLoadContext HostContext() =>
            AssemblyLoadContext.GetLoadContext(typeof(CoreResolver).Assembly) ?? AssemblyLoadContext.Default;

        private static Assembly? OnResolving(AssemblyLoadContext context, AssemblyName name)
        {
            if (!string.IsNullOrEmpty(name.CultureName)) return null;
            if (string.Equals(name.Name, ModuleFolder.ClientName, StringComparison.OrdinalIgnoreCase)) return DependencyLoadContext.Instance.LoadClient();
            if (ModuleFolder.IsModels(name.Name) && ModuleFolder.ShippedFile(name.Name) is string models) return context.LoadFromAssemblyPath(models);
            return null;
        }
    }
}
