<#
.SYNOPSIS
    Builds, tests, packs, publishes and cleans the Rinkel module: a thin wrapper over the dotnet commands CI runs.

.DESCRIPTION
    Every task is one plain dotnet (or publishing) command, so anything this script does can be done without it:
      Build    dotnet build Rinkel.PowerShell.sln -c <Configuration>    (lays out out/Rinkel)
      Test     dotnet build Rinkel.PowerShell.sln -c <Configuration>, then
               dotnet test Rinkel.PowerShell.sln -c <Configuration> --no-build -m:1
      Package  dotnet pack src/Rinkel.PowerShell -c <Configuration>     (builds, then writes out/Rinkel.<version>.nupkg,
               the package the PowerShell Gallery publishes; same as dotnet msbuild src/Rinkel.PowerShell -t:PackModule)
      Publish  Publish-PSResource -Path out/Rinkel -ApiKey $env:PSGALLERY_API_KEY   (Publish-Module where
               Microsoft.PowerShell.PSResourceGet is missing); publishes what Build laid out, so build first
      Clean    dotnet clean Rinkel.PowerShell.sln, then removes out/
    The version comes from RinkelVersion and RinkelPrerelease in Directory.Build.props, and nowhere else.

.PARAMETER Task
    One or more of Build, Test, Package, Publish, Clean, run in the order given. Default: Build.

.PARAMETER Configuration
    Debug or Release. Default: Release.

.EXAMPLE
    ./build.ps1
    Builds the module into out/Rinkel.

.EXAMPLE
    ./build.ps1 -Task Clean, Build, Test
    Rebuilds from scratch and runs every test.

.EXAMPLE
    ./build.ps1 -Task Package
    Builds and writes out/Rinkel.<version>.nupkg.

.EXAMPLE
    $env:PSGALLERY_API_KEY = '...'; ./build.ps1 -Task Build, Publish
    Builds and publishes the module to the PowerShell Gallery (what the release workflow does on a v* tag).
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Publish', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$solution = Join-Path $PSScriptRoot 'Rinkel.PowerShell.sln'
$project = Join-Path $PSScriptRoot 'src/Rinkel.PowerShell/Rinkel.PowerShell.csproj'
$module = Join-Path $PSScriptRoot 'out/Rinkel'

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    Write-Verbose "dotnet $Arguments"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE." }
}

foreach ($name in $Task) {
    switch ($name) {
        'Build' { Invoke-Dotnet build $solution -c $Configuration }
        'Test' {
            # Built once up front: dotnet test would otherwise rebuild projects while other test projects run.
            Invoke-Dotnet build $solution -c $Configuration
            Invoke-Dotnet test $solution -c $Configuration --no-build -m:1
        }
        'Package' { Invoke-Dotnet pack $project -c $Configuration }
        'Publish' {
            if (-not $env:PSGALLERY_API_KEY) { throw 'Set PSGALLERY_API_KEY to a PowerShell Gallery API key first.' }
            if (-not (Test-Path (Join-Path $module 'Rinkel.psd1'))) { throw "No module in $($module): run the Build task first." }
            if (Get-Command Publish-PSResource -ErrorAction SilentlyContinue) {
                Publish-PSResource -Path $module -Repository PSGallery -ApiKey $env:PSGALLERY_API_KEY
            }
            else {
                Publish-Module -Path $module -Repository PSGallery -NuGetApiKey $env:PSGALLERY_API_KEY
            }
        }
        'Clean' {
            Invoke-Dotnet clean $solution -c $Configuration
            $out = Join-Path $PSScriptRoot 'out'
            if (Test-Path $out) { Remove-Item $out -Recurse -Force }
        }
    }
}
