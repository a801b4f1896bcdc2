<#
.SYNOPSIS
    Builds, tests and cleans the Rinkel module: a thin wrapper over the dotnet commands CI runs.

.DESCRIPTION
    Every task is one plain dotnet command, so anything this script does can be done without PowerShell:
      Build  dotnet build Rinkel.PowerShell.sln -c <Configuration>   (lays out out/Rinkel)
      Test   dotnet test Rinkel.PowerShell.sln -c <Configuration>
      Clean  dotnet clean Rinkel.PowerShell.sln, then removes out/

.PARAMETER Task
    One or more of Build, Test, Clean. Default: Build.

.PARAMETER Configuration
    Debug or Release. Default: Release.

.EXAMPLE
    ./build.ps1
    Builds the module into out/Rinkel.

.EXAMPLE
    ./build.ps1 -Task Clean, Build, Test
    Rebuilds from scratch and runs every test.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$solution = Join-Path $PSScriptRoot 'Rinkel.PowerShell.sln'

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    Write-Verbose "dotnet $Arguments"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE." }
}

foreach ($name in $Task) {
    switch ($name) {
        'Build' { Invoke-Dotnet build $solution -c $Configuration }
        'Test' { Invoke-Dotnet test $solution -c $Configuration }
        'Clean' {
            Invoke-Dotnet clean $solution -c $Configuration
            $out = Join-Path $PSScriptRoot 'out'
            if (Test-Path $out) { Remove-Item $out -Recurse -Force }
        }
    }
}
