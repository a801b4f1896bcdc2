using System.Management.Automation;
using Rinkel.PowerShell.Tests.Infrastructure;

namespace Rinkel.PowerShell.Tests;

[Collection(PowerShellCollection.Name)]
public sealed class ModuleManifestTests
{
    private static readonly string[] Cmdlets = ["Connect-Rinkel", "Disconnect-Rinkel", "Get-RinkelCallRecord", "Get-RinkelConnection", "Get-RinkelNumber", "Get-RinkelRecording", "Get-RinkelUser", "Get-RinkelVoicemail", "Get-RinkelWebhook", "Register-RinkelWebhook", "Save-RinkelAudio", "Set-RinkelWebhook", "Test-RinkelWebhook", "Unregister-RinkelWebhook"];

    [Fact]
    public void Built_manifest_passes_Test_ModuleManifest()
    {
        using var session = new ModuleSession(importModule: false);
        var result = session.Run("Test-ModuleManifest -Path $args[0] -ErrorAction Stop", ModuleSession.ModulePath).ThrowIfFailed();
        var module = Assert.IsType<PSModuleInfo>(Assert.Single(result.Output).BaseObject);
        Assert.Equal("Rinkel", module.Name);
        Assert.Equal(Version.Parse("0.1.0"), module.Version);
        Assert.Equal("5.1", module.PowerShellVersion.ToString());
        Assert.Equal(["Core", "Desktop"], module.CompatiblePSEditions.Order());
        Assert.Equal(Cmdlets, module.ExportedCmdlets.Keys.Order());
        Assert.Empty(module.ExportedFunctions);
        Assert.Empty(module.ExportedAliases);
        Assert.Empty(module.ExportedVariables);
    }

    [Fact]
    public void Module_imports_from_the_built_folder_and_exports_exactly_its_cmdlets()
    {
        using var session = new ModuleSession();
        var commands = session.Run("Get-Command -Module Rinkel | ForEach-Object { $_.Name + ':' + $_.CommandType }").ThrowIfFailed();
        Assert.Equal(Cmdlets.Select(c => c + ":Cmdlet"), commands.Output.Select(o => o.ToString()).Order());

        var path = session.Run("(Get-Module Rinkel).ModuleBase").ThrowIfFailed();
        Assert.Equal(Path.GetFullPath(ModuleSession.ModuleDirectory).TrimEnd('/'), Path.GetFullPath(path.Output.Single().ToString()).TrimEnd('/'));
    }

    [Fact]
    public void Every_cmdlet_uses_an_approved_verb_and_the_Rinkel_noun_prefix()
    {
        // The same lists Get-Verb reads; that command is not in this engine-only host.
        var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic),
                typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
            .SelectMany(t => t.GetFields()).Select(f => (string)f.GetValue(null)!).ToHashSet();
        using var session = new ModuleSession();
        var warnings = session.Run("Import-Module -Name $args[0] -Force -WarningVariable w 3>$null; $w", ModuleSession.ModulePath).ThrowIfFailed();
        Assert.Empty(warnings.Output);
        foreach (var name in Cmdlets)
        {
            var parts = name.Split('-');
            Assert.Contains(parts[0], approved);
            Assert.StartsWith("Rinkel", parts[1]);
        }
    }

    [Fact]
    public void Module_loads_its_client_from_the_Dependencies_folder_only_when_used()
    {
        using var session = new ModuleSession();
        var loaded = session.Run("[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Rinkel' } | ForEach-Object Location").ThrowIfFailed();
        Assert.Equal(Path.Combine(ModuleSession.ModuleDirectory, "Rinkel.dll"), Assert.Single(loaded.Output).ToString());
        Assert.True(File.Exists(Path.Combine(ModuleSession.ModuleDirectory, "Dependencies", "Rinkel.Client.dll")));
        Assert.False(File.Exists(Path.Combine(ModuleSession.ModuleDirectory, "Rinkel.Client.dll")));
    }
}
