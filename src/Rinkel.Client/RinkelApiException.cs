using System;
using System.Text;

namespace Rinkel
{
    /// <summary>A failed Rinkel API call, carrying what the API said. Never carries the API key.</summary>
    public sealed class RinkelApiException : Exception
    {
        public RinkelApiException(
            RinkelErrorKind kind, string method, Uri requestUri, int? statusCode, string? reasonPhrase,
            string? errorCode, string? apiMessage, string? detail, int attempts, string? explanation = null,
            Exception? inner = null)
            : base(Compose(kind, method, requestUri, statusCode, Safe(reasonPhrase), Safe(errorCode), Safe(apiMessage), Safe(detail), attempts, Safe(explanation)), inner)
        {
            Kind = kind;
            Method = method;
            RequestUri = requestUri;
            StatusCode = statusCode;
            ErrorCode = Safe(errorCode);
            ApiMessage = Safe(apiMessage);
            Detail = Safe(detail);
            Attempts = attempts;
        }

        // The client cleans server text (and redacts secrets) where it reads it; this is the backstop for every other
        // caller, so no exception message can carry terminal control sequences whoever built it.
        private static string? Safe(string? text) => text is null ? null : Client.ServerText.Neutralize(text);

        public RinkelErrorKind Kind { get; }
        public string Method { get; }
        /// <summary>The URL requested. Built by the client from the base URI and escaped ids; it holds no secret.</summary>
        public Uri RequestUri { get; }
        public int? StatusCode { get; }
        /// <summary><c>errors[0].code</c> from the API's error body, when it sent one.</summary>
        public string? ErrorCode { get; }
        /// <summary><c>errors[0].message</c> from the API's error body, when it sent one (cleaned: no secrets, no control characters).</summary>
        public string? ApiMessage { get; }
        /// <summary><c>errors[0].detail</c> from the API's error body, when it sent one.</summary>
        public string? Detail { get; }
        /// <summary>How many times the request was sent, retries included.</summary>
        public int Attempts { get; }

        private static string Compose(
            RinkelErrorKind kind, string method, Uri uri, int? status, string? reason,
            string? code, string? apiMessage, string? detail, int attempts, string? explanation)
        {
            var sb = new StringBuilder();
            sb.Append(method).Append(' ').Append(uri.AbsoluteUri);
            if (kind == RinkelErrorKind.InvalidResponse && status is int ok && ok >= 200 && ok < 300)
            {
                sb.Append(" returned an unusable response (").Append(ok);
                if (!string.IsNullOrEmpty(reason)) sb.Append(' ').Append(reason);
                sb.Append(')');
            }
            else if (status is int s)
            {
                sb.Append(" failed with ").Append(s);
                if (!string.IsNullOrEmpty(reason)) sb.Append(' ').Append(reason);
            }
            else
            {
                sb.Append(" failed");
            }
            if (!string.IsNullOrEmpty(apiMessage) || !string.IsNullOrEmpty(code))
            {
                sb.Append(": ").Append(string.IsNullOrEmpty(apiMessage) ? code : apiMessage);
                if (!string.IsNullOrEmpty(apiMessage) && !string.IsNullOrEmpty(code)) sb.Append(" (").Append(code).Append(')');
            }
            sb.Append('.');
            if (!string.IsNullOrEmpty(detail) && detail != apiMessage) sb.Append(' ').Append(detail!.TrimEnd('.')).Append('.');
            if (!string.IsNullOrEmpty(explanation)) sb.Append(' ').Append(explanation);
            if (attempts > 1) sb.Append(" Gave up after ").Append(attempts).Append(" attempts.");
            return sb.ToString();
        }
    }
}
