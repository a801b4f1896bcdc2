namespace Rinkel.Internal.Loading
{
    /// <summary>
    /// Switches the module's assembly resolution on and off. Every import of the module (one per runspace, and again
    /// after Import-Module -Force) calls <see cref="Attach"/>; every Remove-Module calls <see cref="Detach"/>. The
    /// resolver is subscribed while at least one import is live, so removing the module from one runspace never breaks
    /// it in another.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>.NET (PowerShell 7): <see cref="CoreResolver"/> answers the host context only for Rinkel.Client and loads
    /// it into <see cref="DependencyLoadContext"/>, a private load context that resolves the client's packages from
    /// Dependencies/, except framework assemblies the host already has in an equal or newer version.</item>
    /// <item>.NET Framework (Windows PowerShell 5.1): <see cref="FrameworkResolver"/>, an AppDomain.AssemblyResolve
    /// handler that plays the part of the binding redirects a module cannot have, for the module's own requests.</item>
    /// </list>
    /// The .NET branch is reached only through methods that are never compiled on .NET Framework, which has no
    /// System.Runtime.Loader.
    /// </remarks>
    internal static class ModuleLoader
    {
        private static readonly object Gate = new object();
        private static int s_imports;

        /// <summary>True on Windows PowerShell's .NET Framework; false on .NET (Core).</summary>
        public static bool IsNetFramework { get; } = typeof(object).Assembly.GetName().Name == "mscorlib";

        public static void Attach()
        {
            lock (Gate)
            {
                if (s_imports++ > 0) return;
                if (IsNetFramework) FrameworkResolver.Attach();
                else CoreResolver.Attach();
            }
        }

        public static void Detach()
        {
            lock (Gate)
            {
                if (s_imports == 0 || --s_imports > 0) return;
                if (IsNetFramework) FrameworkResolver.Detach();
                else CoreResolver.Detach();
            }
        }
    }
}
