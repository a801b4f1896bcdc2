#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    Users through the everyday cmdlets of Microsoft.PowerShell.Utility on a real pwsh (which the engine-hosted tests
    do not have), and the process-wide connection shared with ForEach-Object -Parallel and Start-ThreadJob.
    The installed module is imported here; the parallel runspaces find it on PSModulePath.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:modules = Install-RinkelForTests
    $script:api = Start-FakeRinkelApi -Users 137
    $script:savedModulePath = $env:PSModulePath
    $env:PSModulePath = $modules + [System.IO.Path]::PathSeparator + $env:PSModulePath
    Import-Module Rinkel -Force
    Connect-Rinkel -ApiKey (ConvertTo-SecureString $api.ApiKey -AsPlainText -Force) -BaseUri $api.BaseUri
    $script:users = @(Get-RinkelUser)
}

AfterAll {
    Disconnect-Rinkel
    Remove-Module Rinkel -ErrorAction SilentlyContinue
    $env:PSModulePath = $script:savedModulePath
    Stop-FakeRinkelApi $script:api
}

Describe 'Users in the pipeline' {
    It 'come from the installed copy, as Rinkel.User' {
        (Get-Module Rinkel).ModuleBase | Should -BeLike "$modules*"
        $users.Count | Should -Be 137
        $users | ForEach-Object { $_ | Should -BeOfType ([Rinkel.User]) }
    }

    It 'Get-Member names the type and its nested types by their plain names' {
        $members = $users[0] | Get-Member
        $members[0].TypeName | Should -Be 'Rinkel.User'
        ($members | Where-Object Name -eq 'PhoneNumber').Definition | Should -Be 'Rinkel.PhoneNumber PhoneNumber {get;set;}'
    }

    It 'Format-Table shows the default columns, one row per user' {
        $text = $users | Select-Object -First 5 | Format-Table | Out-String -Width 200
        $lines = $text -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^FullName\s+PhoneNumber\s+Id\s+Email\s*$'
        $lines.Count | Should -Be 7 # header, rule, five users
        foreach ($user in $users[0..4]) { $text | Should -Match ([regex]::Escape($user.Id)) }
    }

    It 'Format-List shows readable values' {
        $text = $users | Where-Object PhoneNumber | Select-Object -First 1 | Format-List | Out-String -Width 200
        $text | Should -Match 'FullName\s+: \S'
        $text | Should -Match 'PhoneNumber\s+: \+\d+'
        $text | Should -Not -Match 'Rinkel\.[A-Za-z]+Settings'
    }

    It 'Select-Object, Sort-Object and Group-Object work on the typed properties' {
        $selected = $users | Select-Object FullName, Email, Role
        $selected.Count | Should -Be 137
        $selected[0].PSObject.Properties.Name | Should -Be @('FullName', 'Email', 'Role')

        $sorted = @($users | Sort-Object FullName | ForEach-Object FullName)
        $sorted | Should -Be @($users.FullName | Sort-Object)

        $groups = $users | Group-Object Role
        ($groups | Measure-Object Count -Sum).Sum | Should -Be 137
        $groups.Name | Should -Contain 'USER'
    }

    It 'ConvertTo-Json round-trips the users' {
        $json = $users | Select-Object -First 3 | ConvertTo-Json -Depth 5
        $back = $json | ConvertFrom-Json
        $back.Id | Should -Be $users[0..2].Id
        $back.FullName | Should -Be $users[0..2].FullName
    }
}

Describe 'The connection is shared by runspaces of the same process' {
    It 'ForEach-Object -Parallel lists users without connecting again' {
        $ids = $users[0..3].Id
        $found = $ids | ForEach-Object -Parallel { (Get-RinkelUser -Id $_).FullName } -ThrottleLimit 4
        @($found | Sort-Object) | Should -Be @($users[0..3].FullName | Sort-Object)
    }

    It 'Start-ThreadJob lists users without connecting again' {
        $job = Start-ThreadJob { @(Get-RinkelUser).Count }
        $job | Wait-Job -Timeout 60 | Receive-Job | Should -Be 137
        $job.State | Should -Be 'Completed'
        $job | Remove-Job
    }
}

Describe 'Export-Csv of every property' {
    BeforeAll {
        $script:oddApi = Start-FakeRinkelApi -Users 40 -Odd
        $script:csvFolder = New-TestFolder 'csv'
        Connect-Rinkel -ApiKey (ConvertTo-SecureString $oddApi.ApiKey -AsPlainText -Force) -BaseUri $oddApi.BaseUri
    }

    AfterAll {
        Connect-Rinkel -ApiKey (ConvertTo-SecureString $api.ApiKey -AsPlainText -Force) -BaseUri $api.BaseUri
        Stop-FakeRinkelApi $script:oddApi
        Remove-Item $script:csvFolder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'writes every column as readable text, for users with missing parts and avatars too' {
        $path = Join-Path $csvFolder 'odd.csv'
        Get-RinkelUser -IncludeAvatars | Export-Csv -Path $path -NoTypeInformation
        $rows = @(Import-Csv -Path $path)
        $rows.Count | Should -Be 40
        $rows[0].PSObject.Properties.Name | Should -Be @('Id', 'Initials', 'FirstName', 'LastName', 'FullName', 'Email', 'PhoneNumber',
            'Availability', 'Role', 'Locale', 'DeviceId', 'AvatarUrls', 'Preferences', 'Notifications', 'Insights', 'Fixed')
        foreach ($row in $rows) {
            foreach ($cell in $row.PSObject.Properties) {
                $cell.Value | Should -Not -Match '^(Rinkel|System)\.[A-Za-z.]+(\[\])?$' -Because "$($cell.Name) of $($row.Id)"
                $cell.Value | Should -Not -Match 'System\.String\[\]' -Because "$($cell.Name) of $($row.Id)"
            }
        }
        $complete = $rows | Where-Object { $_.PhoneNumber -and $_.Preferences -and $_.Notifications -and $_.AvatarUrls } | Select-Object -First 1
        $complete | Should -Not -BeNullOrEmpty
        $complete.PhoneNumber | Should -Match '^\+\d{10,12}$'
        $complete.Preferences | Should -Match 'Language=(en|nl|es|sv); DefaultCountryCode=(NL|BE|ES|SE)'
        $complete.Notifications | Should -Match 'MissedCalls=(off|[a-z,]+); CallOutsideBusinessHours='
        $complete.Insights | Should -Match '^(on|off)$'
        $complete.Fixed | Should -Match '^(on|off)'
        $complete.AvatarUrls | Should -Match '^http'
    }
}
