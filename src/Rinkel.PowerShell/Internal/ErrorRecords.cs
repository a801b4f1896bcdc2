using System;
using System.Management.Automation;
using Rinkel.Client;

namespace Rinkel.Internal
{
    internal static class ErrorRecords
    {
        /// <summary>Maps an API failure to the ErrorCategory and FullyQualifiedErrorId users filter on.</summary>
        public static ErrorRecord FromApi(RinkelApiException exception, object? target)
        {
            var (id, category) = exception.Kind switch
            {
                RinkelErrorKind.Authentication => ("RinkelAuthenticationFailed", ErrorCategory.AuthenticationError),
                RinkelErrorKind.PermissionDenied => ("RinkelPermissionDenied", ErrorCategory.PermissionDenied),
                RinkelErrorKind.NotFound => ("RinkelNotFound", ErrorCategory.ObjectNotFound),
                RinkelErrorKind.InvalidRequest => ("RinkelInvalidRequest", ErrorCategory.InvalidArgument),
                RinkelErrorKind.RateLimited => ("RinkelRateLimited", ErrorCategory.LimitsExceeded),
                RinkelErrorKind.ServerError => ("RinkelServerError", ErrorCategory.ConnectionError),
                RinkelErrorKind.Timeout => ("RinkelTimeout", ErrorCategory.OperationTimeout),
                RinkelErrorKind.ConnectionFailed => ("RinkelConnectionFailed", ErrorCategory.ConnectionError),
                RinkelErrorKind.InvalidResponse => ("RinkelInvalidResponse", ErrorCategory.InvalidResult),
                RinkelErrorKind.ConnectionClosed => ("RinkelConnectionClosed", ErrorCategory.ConnectionError),
                _ => ("RinkelApiError", ErrorCategory.NotSpecified),
            };
            return new ErrorRecord(exception, id, category, target);
        }

        /// <summary>
        /// Whether the failure concerns the whole account (the key is refused or lacks the right, the account is
        /// throttled beyond the retry budget, or Disconnect-Rinkel closed the connection), so that the other items of
        /// a pipeline would fail the same way. Every other failure (not found, a timeout, a dropped connection, a server error, an unusable answer) belongs to
        /// one item: it is that item's error and the others still run.
        /// </summary>
        public static bool IsAccountWide(RinkelApiException exception) =>
            exception.Kind == RinkelErrorKind.Authentication ||
            exception.Kind == RinkelErrorKind.PermissionDenied ||
            exception.Kind == RinkelErrorKind.RateLimited ||
            exception.Kind == RinkelErrorKind.ConnectionClosed;
    }
}
