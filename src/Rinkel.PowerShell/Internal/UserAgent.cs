using System;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Rinkel.Internal
{
    internal static class UserAgent
    {
        /// <summary>e.g. <c>Rinkel-PowerShell/0.1.0 (PowerShell 7.6.0; Core; Linux)</c>: lets Rinkel see who calls.</summary>
        public static string For(PSCmdlet cmdlet)
        {
            var module = typeof(UserAgent).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            var table = cmdlet.SessionState.PSVariable.GetValue("PSVersionTable") as System.Collections.Hashtable;
            var psVersion = table?["PSVersion"]?.ToString() ?? "unknown";
            var edition = table?["PSEdition"]?.ToString() ?? "Desktop";
            var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "Windows"
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "macOS"
                : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "Linux" : "Unknown";
            return $"Rinkel-PowerShell/{module} (PowerShell {psVersion}; {edition}; {os})";
        }
    }
}
