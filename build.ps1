<#
.SYNOPSIS
    Builds, tests, packages, publishes, cleans and tries out the Rinkel module.

.DESCRIPTION
    The repository's entry point, run as `dotnet pwsh ./build.ps1 -Task ...` after `dotnet tool restore` (which brings
    the PowerShell 7.6.9 .NET tool pinned in .config/dotnet-tools.json), or as ./build.ps1 where pwsh is installed.
      Build    dotnet build Rinkel.PowerShell.sln -c <Configuration>: lays out out/Rinkel and restores Pester 5.9.1
               (tests/Rinkel.Tools)
      Test     Build, then every xunit project (dotnet test Rinkel.PowerShell.sln --no-build -m:1), then Package, then
               the Pester suite in tests/Pester against the module installed from that package; ends with one line,
               "N passed, N failed, N skipped" over both, and a non-zero exit code if anything failed
      Package  Build, then Compress-PSResource (PSResourceGet) of out/Rinkel into out/Rinkel.<version>.nupkg,
               the package the PowerShell Gallery gets
      Publish  Publish-PSResource -Path out/Rinkel -ApiKey $env:PSGALLERY_API_KEY (Publish-Module where
               Microsoft.PowerShell.PSResourceGet is missing); publishes what Build laid out
      Clean    dotnet clean Rinkel.PowerShell.sln, then removes out/
      Try      Build, start the sandbox (the fake Rinkel API) on a free port and open pwsh with the module imported and
               connected to it; with -NonInteractive, run the README's quick-start lines against it and print them
    The version comes from RinkelVersion and RinkelPrerelease in Directory.Build.props, and nowhere else.

.PARAMETER Task
    One or more of Build, Test, Package, Publish, Clean, Try, run in the order given. Default: Build.

.PARAMETER Configuration
    Debug or Release. Default: Release.

.PARAMETER NonInteractive
    For Try: run the quick start against the sandbox and exit instead of opening an interactive pwsh.

.PARAMETER NoBuild
    For Package, Test and Try: use what the last build laid out.

.PARAMETER ModuleDirectory
    For Package: the module folder to pack. Default: out/Rinkel.

.PARAMETER OutputDirectory
    For Package: where the nupkg goes. Default: out.

.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Try
    Builds the module and opens pwsh connected to the sandbox: try Get-RinkelUser at the first prompt.

.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
    Builds and runs every test: xunit, then Pester on the installed package.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Package
    Builds and writes out/Rinkel.<version>.nupkg.

.EXAMPLE
    $env:PSGALLERY_API_KEY = '...'; dotnet pwsh ./build.ps1 -Task Build, Publish
    Builds and publishes the module to the PowerShell Gallery (what the release workflow does on a v* tag).
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Publish', 'Clean', 'Try')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [switch] $NonInteractive,

    [switch] $NoBuild,

    [string] $ModuleDirectory = (Join-Path $PSScriptRoot 'out/Rinkel'),

    [string] $OutputDirectory = (Join-Path $PSScriptRoot 'out')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$solution = Join-Path $PSScriptRoot 'Rinkel.PowerShell.sln'
$out = Join-Path $PSScriptRoot 'out'
$sandboxKey = 'rinkel-sandbox-key'

# Progress lines for the console, without the pipeline output of the functions that return values.
function Write-Status([string] $Message) { Write-Information $Message -InformationAction Continue }

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    Write-Verbose "dotnet $Arguments"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    if (-not $NoBuild) { Invoke-Dotnet build $solution -c $Configuration }
}

# The pwsh running this script, to start more of it: `dotnet pwsh` runs pwsh.dll on the dotnet host.
function Get-PwshCommand {
    $executable = (Get-Process -Id $PID).Path
    if ([System.IO.Path]::GetFileNameWithoutExtension($executable) -eq 'dotnet') { return @($executable, (Join-Path $PSHOME 'pwsh.dll')) }
    @($executable)
}

function Get-ModuleVersion([string] $Directory) {
    $manifest = Import-PowerShellDataFile (Join-Path $Directory 'Rinkel.psd1')
    $version = $manifest.ModuleVersion
    if ($manifest.PrivateData.PSData.Prerelease) { $version += '-' + $manifest.PrivateData.PSData.Prerelease }
    $version
}

function Invoke-Package {
    if (-not (Test-Path (Join-Path $ModuleDirectory 'Rinkel.psd1'))) { throw "No module in $($ModuleDirectory): run the Build task first." }
    if (-not (Get-Command Compress-PSResource -ErrorAction SilentlyContinue)) {
        throw 'Compress-PSResource (Microsoft.PowerShell.PSResourceGet 1.1 or later) is needed: run this script with pwsh 7.4 or later (dotnet pwsh).'
    }
    $null = New-Item -ItemType Directory -Path $OutputDirectory -Force
    Get-ChildItem $OutputDirectory -Filter 'Rinkel.*.nupkg' | Remove-Item
    # The manifest (stamped from Directory.Build.props by the build) is what PSResourceGet reads for the
    # package's id, version and metadata.
    Compress-PSResource -Path $ModuleDirectory -DestinationPath $OutputDirectory
    $package = Join-Path $OutputDirectory "Rinkel.$(Get-ModuleVersion $ModuleDirectory).nupkg"
    if (-not (Test-Path $package)) { throw "Compress-PSResource did not write $package." }
    Write-Status "Rinkel package: $package"
    $package
}

function Invoke-XunitTests {
    $log = Join-Path $out 'xunit.log'
    $null = New-Item -ItemType Directory -Path $out -Force
    # Built once up front: dotnet test would otherwise rebuild projects while other test projects run. One project at
    # a time (-m:1): several time retries and cancellation against a local server.
    & dotnet test $solution -c $Configuration --no-build -m:1 2>&1 | Tee-Object -FilePath $log | Out-Host
    $exitCode = $LASTEXITCODE
    $counts = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($match in Select-String -Path $log -Pattern '(?:Passed|Failed)!\s+-\s+Failed:\s+(\d+),\s+Passed:\s+(\d+),\s+Skipped:\s+(\d+)') {
        $counts.Failed += [int] $match.Matches[0].Groups[1].Value
        $counts.Passed += [int] $match.Matches[0].Groups[2].Value
        $counts.Skipped += [int] $match.Matches[0].Groups[3].Value
    }
    if ($exitCode -ne 0 -and $counts.Failed -eq 0) {
        Write-Status "dotnet test failed with exit code $exitCode without a failed test (a crashed or aborted test run): counted as one failure."
        $counts.Failed = 1
    }
    $counts
}

function Invoke-PesterTests([string] $Package) {
    $pester = (& dotnet msbuild (Join-Path $PSScriptRoot 'tests/Rinkel.Tools/Rinkel.Tools.csproj') -getProperty:PesterModuleDirectory -p:Configuration=$Configuration).Trim()
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path (Join-Path $pester 'Pester.psd1'))) { throw "Pester was not restored ($pester): run the Build task first." }
    Import-Module (Join-Path $pester 'Pester.psd1') -Force
    $env:RINKEL_PACKAGE = $Package
    $env:RINKEL_CONFIGURATION = $Configuration
    try {
        $config = New-PesterConfiguration
        $config.Run.Path = Join-Path $PSScriptRoot 'tests/Pester'
        $config.Run.PassThru = $true
        $config.Output.Verbosity = 'Detailed'
        $config.TestResult.Enabled = $true
        $config.TestResult.OutputPath = Join-Path $out 'pester.xml'
        $result = Invoke-Pester -Configuration $config
    }
    finally {
        Remove-Item Env:RINKEL_PACKAGE, Env:RINKEL_CONFIGURATION -ErrorAction SilentlyContinue
        Remove-Module Rinkel -ErrorAction SilentlyContinue
        # The throwaway home the suite installed the package into (tests/Pester/TestHelpers.ps1).
        if ($env:RINKEL_PESTER_HOME) { Remove-Item $env:RINKEL_PESTER_HOME -Recurse -Force -ErrorAction SilentlyContinue }
        Remove-Item Env:RINKEL_PESTER_HOME, Env:RINKEL_PESTER_MODULES -ErrorAction SilentlyContinue
    }
    # A container that failed outside its tests (BeforeAll, a parse error) fails the run even with no failed test.
    $failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    [ordered]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount + $result.NotRunCount }
}

function Invoke-Test {
    Invoke-Build
    $xunit = Invoke-XunitTests
    $pester = Invoke-PesterTests -Package (Invoke-Package)
    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    $skipped = $xunit.Skipped + $pester.Skipped
    Write-Status "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped; Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
    Write-Status "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) { exit 1 }
}

function Start-Sandbox {
    $dll = Join-Path $PSScriptRoot "tests/Rinkel.FakeApi/bin/$Configuration/net10.0/Rinkel.FakeApi.dll"
    if (-not (Test-Path $dll)) { throw "The sandbox is not built: $dll is missing." }
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in $dll, '--port', '0', '--api-key', $sandboxKey, '--exit-on-stdin-close') { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardInput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch 'listening on (\S+)') {
        if (-not $process.HasExited) { $process.Kill() }
        throw "The sandbox did not start: $line"
    }
    [pscustomobject]@{ Process = $process; BaseUri = $Matches[1] }
}

function Invoke-Try {
    Invoke-Build
    $sandbox = Start-Sandbox
    $manifest = Join-Path $out 'Rinkel/Rinkel.psd1'
    $connect = "Import-Module '$manifest'; Connect-Rinkel -BaseUri '$($sandbox.BaseUri)' -ApiKey (ConvertTo-SecureString '$sandboxKey' -AsPlainText -Force)"
    $pwsh = @(Get-PwshCommand)
    $pwshArguments = @(if ($pwsh.Count -gt 1) { $pwsh[1..($pwsh.Count - 1)] })
    try {
        if ($NonInteractive) {
            $work = Join-Path ([System.IO.Path]::GetTempPath()) ('rinkel-try-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
            $null = New-Item -ItemType Directory -Path $work
            $script = Join-Path $work 'quick-start.ps1'
            # The README's quick start, against the sandbox: each line is echoed before its output.
            Set-Content -Path $script -Encoding utf8 -Value @"
`$ErrorActionPreference = 'Stop'
$connect
`$lines = @(
    'Get-RinkelConnection'
    'Get-RinkelUser -First 10'
    "Get-RinkelUser | Where-Object Role -eq 'ADMIN' | Select-Object -First 5"
    "(Get-RinkelUser -First 2).Id | Get-RinkelUser"
    "Get-RinkelUser -First 3 | Select-Object Id | Export-Csv ids.csv -NoTypeInformation; Import-Csv ids.csv | Get-RinkelUser"
    'Get-RinkelUser | Export-Csv users.csv -NoTypeInformation; Get-Content users.csv -TotalCount 3'
)
foreach (`$line in `$lines) {
    "PS> `$line"
    Invoke-Expression `$line | Out-String -Width 160 | Write-Output
}
"@
            Push-Location $work
            try {
                & $pwsh[0] @pwshArguments -NoProfile -NonInteractive -File $script
                if ($LASTEXITCODE -ne 0) { throw "The quick start failed with exit code $LASTEXITCODE." }
            }
            finally {
                Pop-Location
                Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
            }
        }
        else {
            $banner = "Write-Host 'Connected to the Rinkel sandbox at $($sandbox.BaseUri) (key $sandboxKey). Try: Get-RinkelUser -First 10. Type exit to stop the sandbox.'"
            & $pwsh[0] @pwshArguments -NoLogo -NoExit -Command "$connect; $banner"
        }
    }
    finally {
        $sandbox.Process.StandardInput.Close()
        if (-not $sandbox.Process.WaitForExit(5000)) { $sandbox.Process.Kill() }
    }
}

foreach ($name in $Task) {
    switch ($name) {
        'Build' { Invoke-Dotnet build $solution -c $Configuration }
        'Test' { Invoke-Test }
        'Package' {
            Invoke-Build
            $null = Invoke-Package
        }
        'Publish' {
            if (-not $env:PSGALLERY_API_KEY) { throw 'Set PSGALLERY_API_KEY to a PowerShell Gallery API key first.' }
            if (-not (Test-Path (Join-Path $ModuleDirectory 'Rinkel.psd1'))) { throw "No module in $($ModuleDirectory): run the Build task first." }
            if (Get-Command Publish-PSResource -ErrorAction SilentlyContinue) {
                Publish-PSResource -Path $ModuleDirectory -Repository PSGallery -ApiKey $env:PSGALLERY_API_KEY
            }
            else {
                Publish-Module -Path $ModuleDirectory -Repository PSGallery -NuGetApiKey $env:PSGALLERY_API_KEY
            }
        }
        'Clean' {
            Invoke-Dotnet clean $solution -c $Configuration
            if (Test-Path $out) { Remove-Item $out -Recurse -Force }
        }
        'Try' { Invoke-Try }
    }
}
