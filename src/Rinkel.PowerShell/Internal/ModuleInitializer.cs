using System.Management.Automation;
using Rinkel.Internal.Loading;

namespace Rinkel.Internal
{
    /// <summary>
    /// Makes the module's Dependencies folder loadable on import and stops answering on Remove-Module, without ever
    /// taking part in another module's loads. How that works differs per runtime: see <see cref="ModuleLoader"/>.
    /// </summary>
    /// <remarks>
    /// Public because PowerShell only runs public initializers. It must stay free of any load-context type in its
    /// signatures: Windows PowerShell reflects over every public type of Rinkel.dll on import.
    /// </remarks>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => ModuleLoader.Attach();

        public void OnRemove(PSModuleInfo psModuleInfo) => ModuleLoader.Detach();
    }
}
