<#
    Shared by the Pester suite (dot-source it in BeforeAll). The suite tests the module as users get it: installed
    from the built nupkg (out/Rinkel.<version>.nupkg, made by ./build.ps1 -Task Package) through a local folder
    repository, in child pwsh processes whose home is a throwaway folder, against the fake Rinkel API as a real
    server process on a free port.
#>

$script:RepoRoot = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent

function Get-RinkelPackage {
    # RINKEL_PACKAGE names it (build.ps1 sets it); otherwise the package of the version out/Rinkel was built as.
    if ($env:RINKEL_PACKAGE) { return (Resolve-Path $env:RINKEL_PACKAGE).Path }
    $manifest = Import-PowerShellDataFile (Join-Path $script:RepoRoot 'out/Rinkel/Rinkel.psd1')
    $version = $manifest.ModuleVersion
    if ($manifest.PrivateData.PSData.Prerelease) { $version += '-' + $manifest.PrivateData.PSData.Prerelease }
    $package = Join-Path $script:RepoRoot "out/Rinkel.$version.nupkg"
    if (-not (Test-Path $package)) { throw "No ${package}: run ./build.ps1 -Task Package first." }
    $package
}

function New-TestFolder([string] $Name) {
    $path = Join-Path ([System.IO.Path]::GetTempPath()) ("rinkel-pester-$Name-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    (New-Item -ItemType Directory -Path $path).FullName
}

function New-LocalRepository {
    # A folder holding only the built nupkg: what the PowerShell Gallery is to users.
    $folder = New-TestFolder 'repo'
    Copy-Item (Get-RinkelPackage) $folder
    $folder
}

function Start-FakeRinkelApi {
    param([int] $Users = 137, [string] $ApiKey = ('pester-' + [guid]::NewGuid().ToString('N')), [switch] $Odd)
    $configuration = if ($env:RINKEL_CONFIGURATION) { $env:RINKEL_CONFIGURATION } else { 'Release' }
    $dll = Join-Path $script:RepoRoot "tests/Rinkel.FakeApi/bin/$configuration/net10.0/Rinkel.FakeApi.dll"
    if (-not (Test-Path $dll)) { throw "The fake API is not built: $dll is missing. Run ./build.ps1 -Task Build first." }
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in $dll, '--port', '0', '--users', $Users, '--api-key', $ApiKey, '--exit-on-stdin-close') { $start.ArgumentList.Add([string] $argument) }
    if ($Odd) { $start.ArgumentList.Add('--odd') } # beta-API oddities: missing parts, unknown values
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardInput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch 'listening on (\S+)') {
        if (-not $process.HasExited) { $process.Kill() }
        throw "The fake API did not start: $line"
    }
    [pscustomobject]@{ Process = $process; BaseUri = $Matches[1]; ApiKey = $ApiKey }
}

function Stop-FakeRinkelApi($Api) {
    if ($Api -and -not $Api.Process.HasExited) {
        $Api.Process.StandardInput.Close() # --exit-on-stdin-close: it shuts down by itself
        if (-not $Api.Process.WaitForExit(5000)) { $Api.Process.Kill() }
    }
}

function New-ThrowawayHome {
    # A child pwsh with this home has its own CurrentUser module folder, PSResourceGet and PowerShellGet
    # repository registrations and caches, and nothing of the user running the tests.
    $homeFolder = New-TestFolder 'home'
    # Linux and macOS derive the CurrentUser module folder from the home (XDG_DATA_HOME). Windows takes it from the
    # Documents known folder, which no environment variable moves: there (CI runners) the tests install into the
    # runner's own CurrentUser scope, one install at a time, and uninstall again.
    $modules = if ($IsWindows) { Join-Path ([Environment]::GetFolderPath('MyDocuments')) 'PowerShell/Modules' } else { Join-Path $homeFolder '.local/share/powershell/Modules' }
    [pscustomobject]@{
        Path    = $homeFolder
        Modules = $modules
        Environment = @{
            HOME            = $homeFolder
            XDG_DATA_HOME   = Join-Path $homeFolder '.local/share'
            XDG_CACHE_HOME  = Join-Path $homeFolder '.cache'
            XDG_CONFIG_HOME = Join-Path $homeFolder '.config'
            # The dotnet host looks for its first-run files under HOME: keep it quiet there.
            DOTNET_NOLOGO                 = '1'
            DOTNET_CLI_TELEMETRY_OPTOUT   = '1'
            DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
        }
    }
}

function Invoke-Pwsh {
    <#
        Runs a fresh pwsh (the same build as the one running the tests) on a script file, or on script text
        written to a file, and returns its exit code, standard output and standard error. PSModulePath is not
        inherited: the child derives its own from its home, unless -ModulePath puts folders in front.
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [string[]] $Arguments = @(),
        [hashtable] $Environment = @{},
        [string[]] $ModulePath = @(),
        [int] $TimeoutSeconds = 120
    )
    $file = $Script
    $scratch = $null
    if (-not (Test-Path $Script -PathType Leaf)) {
        $scratch = New-TestFolder 'script'
        $file = Join-Path $scratch 'script.ps1'
        Set-Content -Path $file -Value $Script -Encoding utf8
    }
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    $executable = (Get-Process -Id $PID).Path
    $start = [System.Diagnostics.ProcessStartInfo]::new($executable)
    if ([System.IO.Path]::GetFileNameWithoutExtension($executable) -eq 'dotnet') { $start.ArgumentList.Add($pwshDll) } # dotnet pwsh
    foreach ($argument in @('-NoProfile', '-NonInteractive', '-File', $file) + $Arguments) { $start.ArgumentList.Add([string] $argument) }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $start.WorkingDirectory = Split-Path $file
    [void] $start.Environment.Remove('PSModulePath')
    [void] $start.Environment.Remove('RINKEL_API_KEY')
    if ($ModulePath) { $start.Environment['PSModulePath'] = $ModulePath -join [System.IO.Path]::PathSeparator }
    foreach ($name in $Environment.Keys) { $start.Environment[$name] = [string] $Environment[$name] }
    try {
        $process = [System.Diagnostics.Process]::Start($start)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "pwsh -File $file did not finish within $TimeoutSeconds s."
        }
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Error = $stderr.Result }
    }
    finally {
        if ($scratch) { Remove-Item $scratch -Recurse -Force -ErrorAction SilentlyContinue }
    }
}

function Get-RinkelInstallWay {
    # The two ways users install from the Gallery, with the matching listing and uninstall commands.
    @{
        Way       = 'PowerShellGet'
        Install   = 'Register-PSRepository -Name RinkelLocal -SourceLocation $Repository -InstallationPolicy Trusted; Install-Module -Name Rinkel -Repository RinkelLocal -Scope CurrentUser'
        Installed = '(Get-InstalledModule -Name Rinkel).Version.ToString()'
        Uninstall = 'Uninstall-Module -Name Rinkel'
    }
    @{
        Way       = 'PSResourceGet'
        Install   = 'Register-PSResourceRepository -Name RinkelLocal -Uri $Repository -Trusted; Install-PSResource -Name Rinkel -Repository RinkelLocal -Scope CurrentUser -TrustRepository'
        Installed = '(Get-InstalledPSResource -Name Rinkel).Version.ToString()'
        Uninstall = 'Uninstall-PSResource -Name Rinkel'
    }
}

function Install-RinkelForTests {
    <#
        Installs the built package once per Pester run (Install-PSResource from a local repository into a throwaway
        home) and returns that home's module folder: the installed copy the journeys in the other test files use.
    #>
    # Kept in the process environment, which every test file of the run shares.
    if ($env:RINKEL_PESTER_MODULES -and (Test-Path (Join-Path $env:RINKEL_PESTER_MODULES 'Rinkel'))) { return $env:RINKEL_PESTER_MODULES }
    $repository = New-LocalRepository
    $homeFolder = New-ThrowawayHome
    $result = Invoke-Pwsh -Environment $homeFolder.Environment -Arguments $repository -Script @'
param($Repository)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name RinkelLocal -Uri $Repository -Trusted
Install-PSResource -Name Rinkel -Repository RinkelLocal -Scope CurrentUser -TrustRepository
'@
    Remove-Item $repository -Recurse -Force -ErrorAction SilentlyContinue
    if ($result.ExitCode -ne 0) { throw "Installing Rinkel for the tests failed: $($result.Output) $($result.Error)" }
    # build.ps1 removes the home after the run.
    $env:RINKEL_PESTER_HOME = $homeFolder.Path
    $env:RINKEL_PESTER_MODULES = $homeFolder.Modules
    $env:RINKEL_PESTER_MODULES
}
