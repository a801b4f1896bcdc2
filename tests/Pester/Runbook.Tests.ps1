#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    The runbook journey: a script file run unattended with pwsh -NonInteractive -File against the installed module,
    the key from RINKEL_API_KEY or from a PSCredential, filtered and exported to CSV, read back with Import-Csv;
    and what a scheduler sees when the key is rejected (exit code and error stream).
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:modules = Install-RinkelForTests
    $script:api = Start-FakeRinkelApi -Users 137
    $script:work = New-TestFolder 'runbook'
    $script:runbook = Join-Path $work 'Export-UnavailableUsers.ps1'
    Set-Content -Path $runbook -Encoding utf8 -Value @'
param(
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $Path,
    [switch] $UseCredential
)
$ErrorActionPreference = 'Stop'
if ($UseCredential) {
    # What Get-AutomationPSCredential hands a runbook: the key is the password, the user name is ignored.
    $secret = ConvertTo-SecureString $env:RUNBOOK_SECRET -AsPlainText -Force
    Connect-Rinkel -Credential ([pscredential]::new('rinkel', $secret)) -BaseUri $BaseUri
}
else {
    Connect-Rinkel -BaseUri $BaseUri
}
Get-RinkelUser | Where-Object Availability -eq 'UNAVAILABLE' | Export-Csv -Path $Path -NoTypeInformation
"exported $(@(Import-Csv -Path $Path).Count) users"
'@

    function Invoke-Runbook([string] $Csv, [hashtable] $Environment, [switch] $UseCredential) {
        $arguments = @('-BaseUri', $api.BaseUri, '-Path', $Csv)
        if ($UseCredential) { $arguments += '-UseCredential' }
        Invoke-Pwsh -Script $runbook -Arguments $arguments -Environment $Environment -ModulePath $modules
    }

    $script:byEnvironment = Invoke-Runbook -Csv (Join-Path $work 'env.csv') -Environment @{ RINKEL_API_KEY = $api.ApiKey }
    $script:byCredential = Invoke-Runbook -Csv (Join-Path $work 'credential.csv') -Environment @{ RUNBOOK_SECRET = $api.ApiKey } -UseCredential
    $script:rejectedKey = 'rejected-' + [guid]::NewGuid().ToString('N')
    $script:rejected = Invoke-Runbook -Csv (Join-Path $work 'rejected.csv') -Environment @{ RINKEL_API_KEY = $rejectedKey }

    # The reference: the same filter on the same data, in this session.
    Import-Module (Join-Path $modules 'Rinkel') -Force
    Connect-Rinkel -ApiKey (ConvertTo-SecureString $api.ApiKey -AsPlainText -Force) -BaseUri $api.BaseUri
    $script:expectedIds = @(Get-RinkelUser | Where-Object Availability -eq 'UNAVAILABLE' | ForEach-Object Id)
    Disconnect-Rinkel
}

AfterAll {
    Stop-FakeRinkelApi $script:api
    Remove-Item $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'A runbook run with pwsh -NonInteractive -File' {
    It 'connects with the key from RINKEL_API_KEY and exports the filtered users' {
        $byEnvironment.ExitCode | Should -Be 0 -Because $byEnvironment.Error
        $byEnvironment.Error | Should -BeNullOrEmpty
        $byEnvironment.Output.Trim() | Should -Be "exported $($expectedIds.Count) users"
        $expectedIds.Count | Should -BeGreaterThan 0
        (Import-Csv (Join-Path $work 'env.csv')).Id | Should -Be $expectedIds
    }

    It 'connects with a PSCredential whose password is the key' {
        $byCredential.ExitCode | Should -Be 0 -Because $byCredential.Error
        $byCredential.Output.Trim() | Should -Be "exported $($expectedIds.Count) users"
        (Import-Csv (Join-Path $work 'credential.csv')).Id | Should -Be $expectedIds
    }

    It 'writes CSV cells a person can read: text, never type names' {
        $rows = @(Import-Csv (Join-Path $work 'env.csv'))
        $columns = $rows[0].PSObject.Properties.Name
        $columns | Should -Contain 'FullName'
        $columns | Should -Contain 'PhoneNumber'
        $columns | Should -Contain 'Preferences'
        foreach ($row in $rows) {
            foreach ($cell in $row.PSObject.Properties) {
                $cell.Value | Should -Not -Match '^(Rinkel|System)\.[A-Za-z.]+(\[\])?$' -Because "$($cell.Name) of $($row.Id)"
            }
        }
        @($rows | Where-Object PhoneNumber).Count | Should -BeGreaterThan 0
        $rows | Where-Object PhoneNumber | ForEach-Object { $_.PhoneNumber | Should -Match '^\+\d{6,}$' }
        $rows | Where-Object Preferences | Select-Object -First 1 | ForEach-Object { $_.Preferences | Should -Match 'Language=' }
    }

    It 'fails with exit code 1 and the rejection on the error stream when the key is rejected' {
        $rejected.ExitCode | Should -Be 1
        $rejected.Error | Should -Match 'reject'
        $rejected.Output | Should -Not -Match 'exported'
        Join-Path $work 'rejected.csv' | Should -Not -Exist
        $rejected.Output + $rejected.Error | Should -Not -Match $rejectedKey
    }
}
