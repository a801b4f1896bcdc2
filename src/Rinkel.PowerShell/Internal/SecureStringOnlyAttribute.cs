using System;
using System.Management.Automation;

namespace Rinkel.Internal
{
    /// <summary>
    /// Refuses a plain-text string for a SecureString parameter with an error that says how to pass one. PowerShell's
    /// own conversion error is generic and quotes the value, which for an API key would put the key in the error.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class SecureStringOnlyAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string)
            {
                // Never quotes the value: it is the secret.
                throw new ArgumentTransformationMetadataException(
                    "The API key must be a SecureString, not plain text (plain text stays in the command history and transcripts). " +
                    "Run Connect-Rinkel without -ApiKey to be prompted for it, or pass -ApiKey (Read-Host -AsSecureString 'Rinkel API key'); " +
                    "in a script, use -Credential or the RINKEL_API_KEY environment variable.");
            }
            return inputData;
        }
    }
}
