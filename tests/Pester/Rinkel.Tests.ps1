#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Pester tests for a real pwsh or Windows PowerShell 5.1 session (the GitHub workflow runs them on every OS).
    They mirror xunit tests in tests/Rinkel.PowerShell.Tests, which run the same scenarios through the
    PowerShell engine where pwsh is not available. Build first: dotnet build Rinkel.PowerShell.sln -c Release
#>

BeforeAll {
    $repo = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    $fakeApi = Get-ChildItem (Join-Path $repo 'tests/Rinkel.FakeApi/bin') -Recurse -Filter 'Rinkel.FakeApi.dll' |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $fakeApi) { throw 'Build the solution first: dotnet build Rinkel.PowerShell.sln' }

    $script:apiKey = 'pester-' + [guid]::NewGuid().ToString('N')
    # Arguments as one string: ProcessStartInfo.ArgumentList does not exist on Windows PowerShell 5.1's .NET Framework.
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $start.Arguments = '"{0}" --port 0 --users 137 --api-key {1}' -f $fakeApi.FullName, $script:apiKey
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $script:server = [System.Diagnostics.Process]::Start($start)
    $line = $script:server.StandardOutput.ReadLine()
    if ($line -notmatch 'listening on (\S+)') { throw "The fake API did not start: $line" }
    $script:baseUri = $Matches[1]

    Import-Module (Join-Path $repo 'out/Rinkel/Rinkel.psd1') -Force
    $script:secureKey = ConvertTo-SecureString $script:apiKey -AsPlainText -Force
}

AfterAll {
    Disconnect-Rinkel
    Remove-Module Rinkel -ErrorAction SilentlyContinue
    if ($script:server -and -not $script:server.HasExited) { $script:server.Kill() }
}

Describe 'Rinkel module' {
    It 'exports exactly its cmdlets' {
        (Get-Command -Module Rinkel).Name | Sort-Object |
            Should -Be @('Connect-Rinkel', 'Disconnect-Rinkel', 'Get-RinkelCallRecord', 'Get-RinkelConnection', 'Get-RinkelNumber', 'Get-RinkelRecording', 'Get-RinkelUser', 'Get-RinkelVoicemail', 'Save-RinkelAudio')
    }

    It 'refuses to list before Connect-Rinkel with a clear error' {
        Disconnect-Rinkel
        { Get-RinkelUser -ErrorAction Stop } | Should -Throw -ErrorId 'RinkelNotConnected,Rinkel.Commands.GetRinkelUserCommand'
    }

    It 'connects and lists every user' {
        Connect-Rinkel -ApiKey $script:secureKey -BaseUri $script:baseUri
        (Get-RinkelUser | Measure-Object).Count | Should -Be 137
    }

    It 'exports users to CSV with readable cells' {
        Connect-Rinkel -ApiKey $script:secureKey -BaseUri $script:baseUri
        $path = Join-Path ([System.IO.Path]::GetTempPath()) ("rinkel-" + [guid]::NewGuid() + '.csv')
        try {
            Get-RinkelUser | Where-Object Availability -eq 'AVAILABLE' | Export-Csv -Path $path -NoTypeInformation
            $rows = Import-Csv $path
            $rows.Count | Should -BeGreaterThan 0
            $rows[0].PhoneNumber | Should -Match '^\+\d+$'
            Get-Content $path -Raw | Should -Not -Match 'Rinkel\.[A-Za-z]+Settings|System\.String\[\]'
        }
        finally {
            Remove-Item $path -ErrorAction SilentlyContinue
        }
    }

    It 'reports an unknown id as ObjectNotFound and goes on with the next' {
        Connect-Rinkel -ApiKey $script:secureKey -BaseUri $script:baseUri
        $first = Get-RinkelUser -First 1
        $found = 'ffffffffffffffffffffffff', $first.Id | Get-RinkelUser -ErrorVariable failures -ErrorAction SilentlyContinue
        $found.Id | Should -Be $first.Id
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'ffffffffffffffffffffffff'
    }

    It 'never shows the API key' {
        Connect-Rinkel -ApiKey $script:secureKey -BaseUri $script:baseUri -PassThru | Out-String | Should -Not -Match $script:apiKey
        (Get-RinkelUser -First 1 -Verbose 4>&1 | Out-String) | Should -Not -Match $script:apiKey
    }
}
