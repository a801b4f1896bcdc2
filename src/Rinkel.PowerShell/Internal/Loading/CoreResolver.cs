using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Rinkel.Internal.Loading
{
    /// <summary>
    /// PowerShell 7 (.NET): hooks the load context Rinkel.dll lives in (the default context under pwsh) and answers it
    /// for Rinkel.Client only, loading it into <see cref="DependencyLoadContext"/>. The client's own references then
    /// resolve inside that private context, so other modules' copies of Microsoft.Extensions.* and the like, loaded
    /// before or after, never meet the module's copies, and the host context's other requests are never answered here.
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

        private static AssemblyLoadContext HostContext() =>
            AssemblyLoadContext.GetLoadContext(typeof(CoreResolver).Assembly) ?? AssemblyLoadContext.Default;

        private static Assembly? OnResolving(AssemblyLoadContext context, AssemblyName name) =>
            string.Equals(name.Name, ModuleFolder.ClientName, StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(name.CultureName)
                ? DependencyLoadContext.Instance.LoadClient()
                : null;
    }
}
