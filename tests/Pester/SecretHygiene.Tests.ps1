#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    A canary key (the fake API accepts exactly it) goes through everything a user might keep or show: a transcript,
    Export-Clixml of the connection, the error records with every property, -Verbose and $DebugPreference output,
    and a rejected second key. Neither key may appear anywhere. Runs in a child pwsh, so its whole console output
    is checked too.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:modules = Install-RinkelForTests
    $script:canary = 'canary-' + [guid]::NewGuid().ToString('N')
    $script:rejectedCanary = 'canary-rejected-' + [guid]::NewGuid().ToString('N')
    $script:api = Start-FakeRinkelApi -Users 60 -ApiKey $canary
    $script:work = New-TestFolder 'secrets'
    $script:run = Invoke-Pwsh -ModulePath $modules -Arguments $work, $api.BaseUri -Environment @{ CANARY = $canary; REJECTED_CANARY = $rejectedCanary } -Script @'
param($Work, $BaseUri)
Start-Transcript -Path (Join-Path $Work 'transcript.txt') | Out-Null
$key = ConvertTo-SecureString $env:CANARY -AsPlainText -Force
$connection = Connect-Rinkel -ApiKey $key -BaseUri $BaseUri -PassThru -Verbose
$connection | Format-List * -Force
$connection | Export-Clixml -Path (Join-Path $Work 'connection.clixml')
Get-RinkelConnection | Format-List * -Force
Get-RinkelUser -First 3 -Verbose | Format-Table
$DebugPreference = 'Continue'
Get-RinkelUser -First 1 | Out-Null
Get-RinkelUser -Id 'ffffffffffffffffffffffff' -ErrorAction SilentlyContinue
$DebugPreference = 'SilentlyContinue'
try { Connect-Rinkel -ApiKey (ConvertTo-SecureString $env:REJECTED_CANARY -AsPlainText -Force) -BaseUri $BaseUri -Verbose -ErrorAction Stop } catch { }
$Error.Count
$Error | Format-List * -Force | Out-String -Width 300
$Error | ForEach-Object { $_.Exception | Format-List * -Force | Out-String -Width 300 }
Stop-Transcript | Out-Null
'@
    $script:transcript = Get-Content (Join-Path $work 'transcript.txt') -Raw
    $script:clixml = Get-Content (Join-Path $work 'connection.clixml') -Raw
}

AfterAll {
    Stop-FakeRinkelApi $script:api
    Remove-Item $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The API key never shows' {
    It 'ran everything a user might do with the key' {
        $run.ExitCode | Should -Be 0 -Because $run.Error
        # Not vacuous: each output is there and carries what it should.
        $transcript | Should -Match 'VERBOSE: GET '
        $transcript | Should -Match 'DEBUG: '
        $transcript | Should -Match 'RinkelNotFound'
        $transcript | Should -Match 'RinkelApiKeyRejected'
        $clixml | Should -Match ([regex]::Escape($api.BaseUri))
    }

    It 'is not in the transcript' {
        $transcript | Should -Not -Match $canary
        $transcript | Should -Not -Match $rejectedCanary
    }

    It 'is not in the Export-Clixml of the connection' {
        $clixml | Should -Not -Match $canary
    }

    It 'is not in the console output or the error stream, $Error | Format-List * -Force included' {
        $run.Output | Should -Not -Match $canary
        $run.Output | Should -Not -Match $rejectedCanary
        $run.Error | Should -Not -Match $canary
        $run.Error | Should -Not -Match $rejectedCanary
    }

    It 'is not in any file the session left behind' {
        Get-ChildItem $work -Recurse -File | ForEach-Object {
            Get-Content $_.FullName -Raw | Should -Not -Match "$canary|$rejectedCanary" -Because $_.Name
        }
    }
}
