#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    Installing the built package the two ways users do (PowerShellGet's Install-Module and PSResourceGet's
    Install-PSResource) from a local folder repository standing in for the PowerShell Gallery, each into a
    throwaway home; then, in a fresh pwsh given no path: autoload, help from the installed copy, the installed
    listing, and uninstalling.
#>

BeforeDiscovery {
    $ways = @(
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
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:api = Start-FakeRinkelApi -Users 137
    $script:repository = New-LocalRepository
    $manifest = Import-PowerShellDataFile (Join-Path $RepoRoot 'out/Rinkel/Rinkel.psd1')
    $script:version = $manifest.ModuleVersion
}

AfterAll {
    Stop-FakeRinkelApi $script:api
    Remove-Item $script:repository -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Installing with <Way>' -ForEach $ways {
    BeforeAll {
        $script:throwaway = New-ThrowawayHome
        $script:installRun = Invoke-Pwsh -Environment $throwaway.Environment -Arguments $repository -Script @"
param(`$Repository)
`$ErrorActionPreference = 'Stop'
$Install
"@
        $script:installedFiles = foreach ($file in 'Rinkel.psd1', 'Rinkel.Models.dll', 'Dependencies/Rinkel.Client.dll', 'en-US/about_Rinkel.help.txt') {
            Test-Path (Join-Path $throwaway.Modules "Rinkel/$version/$file")
        }

        # A fresh session with no path given: the module must come from the installed copy, loaded on first use.
        $environment = $throwaway.Environment + @{ RINKEL_API_KEY = $api.ApiKey; RINKEL_TEST_BASEURI = $api.BaseUri }
        $script:session = Invoke-Pwsh -Environment $environment -Script @"
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
`$facts.Installed = $Installed
`$facts | ConvertTo-Json -Depth 2
"@
        $script:facts = if ($session.ExitCode -eq 0) { $session.Output | ConvertFrom-Json } else { $null }

        $script:uninstallRun = Invoke-Pwsh -Environment $throwaway.Environment -Script @"
`$ErrorActionPreference = 'Stop'
$Uninstall
@(Get-Module -ListAvailable -Name Rinkel).Count
"@
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
        Join-Path $throwaway.Modules "Rinkel/$version" | Should -Not -Exist
    }

    AfterAll {
        Remove-Item $throwaway.Path -Recurse -Force -ErrorAction SilentlyContinue
    }
}
