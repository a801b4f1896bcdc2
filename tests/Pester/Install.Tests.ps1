#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    Installing the built package the two ways users do (PowerShellGet's Install-Module and PSResourceGet's
    Install-PSResource) from a local folder repository standing in for the PowerShell Gallery, each into a
    throwaway home; then, in a fresh pwsh given no path: autoload, help from the installed copy, the installed
    listing, and uninstalling.
#>

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $ways = Get-RinkelInstallWay
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:api = Start-FakeRinkelApi -Users 137
    $script:repository = New-LocalRepository
    $manifest = Import-PowerShellDataFile (Join-Path $RepoRoot 'out/Rinkel/Rinkel.psd1')
    $script:version = $manifest.ModuleVersion

    # One journey per way, each in its own child processes and throwaway home: install, then a fresh session, then
    # uninstall. The two ways run side by side (thread jobs), except on Windows, where both install into the one
    # Documents module folder (see New-ThrowawayHome).
    $journey = {
        param($Way, $Repository, $Api, $Version)
        $throwaway = New-ThrowawayHome
        $installRun = Invoke-Pwsh -Environment $throwaway.Environment -Arguments $Repository -Script @"
param(`$Repository)
`$ErrorActionPreference = 'Stop'
$($Way.Install)
"@
        $installedFiles = foreach ($file in 'Rinkel.psd1', 'Rinkel.Models.dll', 'Dependencies/Rinkel.Client.dll', 'en-US/about_Rinkel.help.txt') {
            Test-Path (Join-Path $throwaway.Modules "Rinkel/$Version/$file")
        }

        # A fresh session with no path given: the module must come from the installed copy, loaded on first use.
        $environment = $throwaway.Environment + @{ RINKEL_API_KEY = $Api.ApiKey; RINKEL_TEST_BASEURI = $Api.BaseUri }
        $session = Invoke-Pwsh -Environment $environment -Script @"
`$ErrorActionPreference = 'Stop'
`$facts = [ordered]@{}
`$facts.LoadedAtStart = [bool] (Get-Module Rinkel)
`$facts.NotConnected = try { Get-RinkelUser -ErrorAction Stop; 'listed' } catch { `$_.FullyQualifiedErrorId }
`$facts.ModuleBase = (Get-Module Rinkel).ModuleBase
Connect-Rinkel -BaseUri `$env:RINKEL_TEST_BASEURI
`$users = @(Get-RinkelUser)
`$facts.Users = `$users.Count
`$facts.AreUsers = @(`$users | Where-Object { `$_ -is [Rinkel.User] }).Count
`$facts.HelpFull = Get-Help Get-RinkelUser -Full | Out-String -Width 200
`$facts.HelpFile = (Get-Help Get-RinkelUser).PSObject.Properties['ModuleName'].Value
`$facts.About = Get-Help about_Rinkel | Out-String -Width 200
`$facts.Installed = $($Way.Installed)
`$facts | ConvertTo-Json -Depth 2
"@

        $uninstallRun = Invoke-Pwsh -Environment $throwaway.Environment -Script @"
`$ErrorActionPreference = 'Stop'
$($Way.Uninstall)
@(Get-Module -ListAvailable -Name Rinkel).Count
"@
        $uninstalledGone = -not (Test-Path (Join-Path $throwaway.Modules "Rinkel/$Version"))
        Remove-Item $throwaway.Path -Recurse -Force -ErrorAction SilentlyContinue
        [pscustomobject]@{
            UninstalledGone = $uninstalledGone
            Modules        = $throwaway.Modules
            InstallRun     = $installRun
            InstalledFiles = $installedFiles
            Session        = $session
            Facts          = if ($session.ExitCode -eq 0) { $session.Output | ConvertFrom-Json } else { $null }
            UninstallRun   = $uninstallRun
        }
    }
    $helpers = [scriptblock]::Create(". '$(Join-Path $PSScriptRoot 'TestHelpers.ps1')'")
    $script:journeys = @{}
    foreach ($way in Get-RinkelInstallWay) {
        $journeys[$way.Way] = Start-ThreadJob -InitializationScript $helpers -ScriptBlock $journey -ArgumentList $way, $repository, $api, $version
        if ($IsWindows) { $null = $journeys[$way.Way] | Wait-Job }
    }
}

AfterAll {
    $script:journeys.Values | Remove-Job -Force -ErrorAction SilentlyContinue
    Stop-FakeRinkelApi $script:api
    Remove-Item $script:repository -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Installing with <Way>' -ForEach $ways {
    BeforeAll {
        $job = $journeys[$Way] | Wait-Job -Timeout 600
        if ($job.State -ne 'Completed') { throw "The $Way journey did not complete: $($job.State) $($job.ChildJobs[0].JobStateInfo.Reason)" }
        $result = $job | Receive-Job
        $script:throwaway = [pscustomobject]@{ Modules = $result.Modules }
        $script:installRun = $result.InstallRun
        $script:installedFiles = $result.InstalledFiles
        $script:session = $result.Session
        $script:facts = $result.Facts
        $script:uninstallRun = $result.UninstallRun
        $script:uninstalledGone = $result.UninstalledGone
    }

    It 'installs from the local repository into the throwaway CurrentUser module folder' {
        $installRun.ExitCode | Should -Be 0 -Because "$($installRun.Output) $($installRun.Error)"
        $installedFiles | Should -Be @($true, $true, $true, $true)
    }

    It 'autoloads the installed module on the first Get-RinkelUser, without Import-Module' {
        $session.ExitCode | Should -Be 0 -Because "$($session.Output) $($session.Error)"
        $facts.LoadedAtStart | Should -BeFalse
        $facts.NotConnected | Should -BeLike 'RinkelNotConnected,*'
        $facts.ModuleBase | Should -Be (Join-Path $throwaway.Modules "Rinkel/$version")
        $facts.Users | Should -Be 137
        $facts.AreUsers | Should -Be 137
    }

    It 'shows full help and about_Rinkel from the installed copy' {
        $facts.HelpFile | Should -Be 'Rinkel'
        $facts.HelpFull | Should -Match 'Get-RinkelUser'
        $facts.HelpFull | Should -Match '-Id <'
        $facts.HelpFull | Should -Match 'EXAMPLE 1|Example 1'
        $facts.HelpFull | Should -Match 'Rinkel\.User'
        $facts.About | Should -Match 'about_Rinkel'
        $facts.About | Should -Match 'Connect-Rinkel'
    }

    It 'lists the installed version' {
        $facts.Installed | Should -Be $version
    }

    It 'uninstalls' {
        $uninstallRun.ExitCode | Should -Be 0 -Because "$($uninstallRun.Output) $($uninstallRun.Error)"
        $uninstallRun.Output.Trim() | Should -Be '0'
        $uninstalledGone | Should -BeTrue
    }
}
