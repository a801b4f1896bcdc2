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

        /// <summary>Whether the failure says nothing about the other items of a pipeline, so they should still run.</summary>
        public static bool IsPerItem(RinkelApiException exception) =>
            exception.Kind == RinkelErrorKind.NotFound ||
            exception.Kind == RinkelErrorKind.InvalidRequest ||
            exception.Kind == RinkelErrorKind.PermissionDenied ||
            exception.Kind == RinkelErrorKind.InvalidResponse ||
            exception.Kind == RinkelErrorKind.ServerError;
    }
}
