#
# Module manifest for Rinkel. ModuleVersion and Prerelease are stamped at build time from RinkelVersion and
# RinkelPrerelease in Directory.Build.props, the single source of the version; edit them there.
#
@{
    RootModule             = 'Rinkel.dll'
    ModuleVersion          = '0.0.0'
    GUID                   = '961d435e-92d4-4e9e-8c89-d035e7e1dcd4'
    Author                 = 'Rinkel PowerShell contributors'
    CompanyName            = 'Rinkel PowerShell contributors'
    Copyright              = '(c) 2026 Rinkel PowerShell contributors. MIT License.'
    Description            = 'Manage Rinkel cloud telephony from PowerShell: connect once, then list and get users and call history as typed objects that pipe into Where-Object, Export-Csv and automation runbooks. Windows PowerShell 5.1 and PowerShell 7.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    # The public models load before Rinkel.dll, into the host's default context, so [Rinkel.User] and
    # [Rinkel.PhoneNumber] resolve by name; the client and its packages stay private (Internal/Loading).
    RequiredAssemblies     = @('Rinkel.Models.dll')
    FormatsToProcess       = @('Rinkel.Format.ps1xml', 'Rinkel.CallHistory.Format.ps1xml')
    CmdletsToExport        = @(
        'Connect-Rinkel'
        'Disconnect-Rinkel'
        'Get-RinkelConnection'
        'Get-RinkelUser'
        'Get-RinkelWebhook'
        'Register-RinkelWebhook'
        'Set-RinkelWebhook'
        'Test-RinkelWebhook'
        'Unregister-RinkelWebhook'
        'Get-RinkelNumber'
        'Get-RinkelRecording'
        'Save-RinkelAudio'
        'Get-RinkelCallRecord'
        'Get-RinkelVoicemail'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Rinkel', 'Telephony', 'VoIP', 'CloudTelephony', 'API', 'Users', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/rinkel-powershell/Rinkel'
            LicenseUri   = 'https://github.com/rinkel-powershell/Rinkel/blob/main/LICENSE'
            ReleaseNotes = 'https://github.com/rinkel-powershell/Rinkel/blob/main/CHANGELOG.md'
            Prerelease   = ''
        }
    }
}
