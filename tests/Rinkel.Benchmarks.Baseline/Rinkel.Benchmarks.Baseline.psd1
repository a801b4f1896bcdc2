#
# Manifest of the one-cmdlet baseline module that the import benchmark compares out/Rinkel with.
#
@{
    RootModule           = 'Rinkel.Benchmarks.Baseline.dll'
    ModuleVersion        = '1.0.0'
    GUID                 = '3f0a8f55-1c55-4d8e-9a8e-2b7f7d1f0b61'
    Author               = 'Rinkel PowerShell contributors'
    Description          = 'Benchmark baseline: a binary module with one cmdlet.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    CmdletsToExport      = @('Get-BenchmarkBaseline')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
}
