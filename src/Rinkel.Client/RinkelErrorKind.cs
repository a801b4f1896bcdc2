namespace Rinkel
{
    /// <summary>What went wrong, in terms a caller can act on; the PowerShell layer maps it to an ErrorCategory.</summary>
    public enum RinkelErrorKind
    {
        /// <summary>401: the API key was missing or rejected.</summary>
        Authentication,
        /// <summary>403: the key is valid but may not do this (or the plan does not include it).</summary>
        PermissionDenied,
        /// <summary>404: the resource does not exist.</summary>
        NotFound,
        /// <summary>400 and other 4xx: the request was invalid.</summary>
        InvalidRequest,
        /// <summary>429 after every retry was spent.</summary>
        RateLimited,
        /// <summary>5xx after every retry was spent.</summary>
        ServerError,
        /// <summary>No response within the timeout, after every retry was spent.</summary>
        Timeout,
        /// <summary>The connection failed or was reset, after every retry was spent.</summary>
        ConnectionFailed,
        /// <summary>A response arrived but was not the JSON the API documents.</summary>
        InvalidResponse,
        /// <summary>The connection was closed (disconnected) before the request could be sent; nothing was sent.</summary>
        ConnectionClosed,
    }
}
