using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using Rinkel.Client;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>Connects to the Rinkel API with an API key, after checking that the key works.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Rinkel", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(Connection))]
    public sealed class ConnectRinkelCommand : RinkelCmdlet
    {
        internal const string EnvironmentVariable = "RINKEL_API_KEY";
        private const string ApiKeySet = "ApiKey";
        private const string CredentialSet = "Credential";
        private const string EnvironmentSet = "EnvironmentVariable";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ApiKeySet)]
        [SecureStringOnly]
        [ValidateNotNull]
        public SecureString? ApiKey { get; set; }

        /// <summary>The key as the password of a credential (the user name is ignored): how runbooks store secrets.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [ValidateNotNull]
        [Credential]
        public PSCredential? Credential { get; set; }

        [Parameter]
        [ValidateNotNull]
        [ValidateBaseUri]
        public Uri BaseUri { get; set; } = RinkelClientOptions.DefaultBaseUri;

        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetryCount { get; set; } = RinkelClientOptions.DefaultMaxRetryCount;

        [Parameter]
        [Alias("Timeout")]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = RinkelClientOptions.DefaultTimeoutSeconds;

        [Parameter]
        [ValidateRange(1, 16)]
        public int MaxConcurrentPages { get; set; } = RinkelClientOptions.DefaultMaxConcurrentPages;

        [Parameter]
        [ValidateRange(1, 32)]
        public int MaxConcurrentRequests { get; set; } = RinkelClientOptions.DefaultMaxConcurrentRequests;

        /// <summary>Audio files Save-RinkelAudio downloads at once.</summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int MaxConcurrentDownloads { get; set; } = RinkelClientOptions.DefaultMaxConcurrentDownloads;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var (key, source) = ReadKey();
            var options = new RinkelClientOptions(BaseUri)
            {
                MaxRetryCount = MaxRetryCount,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                MaxConcurrentPages = MaxConcurrentPages,
                MaxConcurrentRequests = MaxConcurrentRequests,
                MaxConcurrentDownloads = MaxConcurrentDownloads,
                UserAgent = Internal.UserAgent.For(this),
            };
            var client = new RinkelClient(options, key);
            try
            {
                Await(client.VerifyAsync(Observer, CancellationToken));
            }
            catch (RinkelApiException ex)
            {
                client.Dispose();
                // The previous connection, if any, stays current: a failed Connect-Rinkel changes nothing.
                if (ex.Kind == RinkelErrorKind.Authentication)
                {
                    ThrowTerminatingError(new ErrorRecord(ex, "RinkelApiKeyRejected", ErrorCategory.AuthenticationError, BaseUri)
                    {
                        ErrorDetails = new ErrorDetails($"The Rinkel API at {options.BaseUri} rejected the API key ({source}). Check that the key is complete and still active.")
                        {
                            RecommendedAction = "Ask Rinkel for a valid API key and connect again.",
                        },
                    });
                }
                ThrowTerminatingError(ErrorFor(ex, BaseUri));
            }
            catch
            {
                client.Dispose();
                throw;
            }

            var connection = new Connection(client, source, DateTimeOffset.Now);
            CurrentConnection.Set(connection);
            WriteVerbose($"Connected to {connection.BaseUri} with the key from {source}.");
            if (PassThru)
            {
                connection.MarkHandedOut();
                WriteObject(connection);
            }
        }

        private const string MissingKeyMessage =
            "No API key was given and the session cannot prompt for one: pass -ApiKey or -Credential, or set the " + EnvironmentVariable + " environment variable.";

        /// <summary>
        /// Asks for the key as a secure string when someone can answer. A non-interactive session (pwsh -NonInteractive,
        /// a runbook, a job, a host without a UI) makes the host throw or return nothing, and then the caller errors.
        /// </summary>
        private const string KeyPrompt = "Rinkel API key";

        private SecureString? PromptForKey()
        {
            var ui = Host?.UI;
            if (ui == null) return null;
            // Prompt() rather than Write + ReadLineAsSecureString: a non-interactive console host refuses it before it
            // writes anything, so a runbook's log gets the error and no dangling prompt text.
            var field = new FieldDescription(KeyPrompt);
            field.SetParameterType(typeof(SecureString));
            try
            {
                var answers = ui.Prompt(null, null, new System.Collections.ObjectModel.Collection<FieldDescription> { field });
                var typed = answers != null && answers.TryGetValue(KeyPrompt, out var answer) ? answer?.BaseObject as SecureString : null;
                if (typed == null || typed.Length == 0)
                {
                    typed?.Dispose();
                    return null;
                }
                return typed;
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is HostException || ex is NotSupportedException ||
                                       ex is NotImplementedException || ex is System.IO.IOException)
            {
                return null;
            }
        }

        private (RinkelApiKey Key, string Source) ReadKey()
        {
            try
            {
                switch (ParameterSetName)
                {
                    case ApiKeySet:
                        return (RinkelApiKey.FromSecureString(ApiKey!), "the ApiKey parameter");
                    case CredentialSet:
                        return (RinkelApiKey.FromSecureString(Credential!.Password), "the credential's password");
                }
                var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
                if (string.IsNullOrWhiteSpace(fromEnvironment))
                {
                    if (PromptForKey() is SecureString typed)
                    {
                        using (typed) return (RinkelApiKey.FromSecureString(typed), "the prompt");
                    }
                    ThrowTerminatingError(new ErrorRecord(
                        new ArgumentException(MissingKeyMessage),
                        "RinkelApiKeyMissing", ErrorCategory.InvalidArgument, EnvironmentVariable)
                    {
                        ErrorDetails = new ErrorDetails(MissingKeyMessage)
                        {
                            RecommendedAction = $"In a script or scheduled task, set the {EnvironmentVariable} environment variable for the process, " +
                                "or pass -Credential (for example from Get-AutomationPSCredential or Get-Secret). In an interactive session, run Connect-Rinkel to be prompted.",
                        },
                    });
                }
                return (RinkelApiKey.FromPlainText(fromEnvironment!), "the " + EnvironmentVariable + " environment variable");
            }
            catch (ArgumentException ex)
            {
                // The message describes the key's shape, never its text.
                ThrowTerminatingError(new ErrorRecord(ex, "RinkelApiKeyInvalid", ErrorCategory.InvalidArgument, ParameterSetName));
                throw;
            }
        }
    }
}
