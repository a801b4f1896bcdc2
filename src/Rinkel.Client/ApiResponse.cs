using System;
using System.Net;

namespace Rinkel.Client
{
    /// <summary>A fully read response: what the reader needs to parse it or to explain why it cannot.</summary>
    internal sealed class ApiResponse
    {
        public ApiResponse(string method, Uri uri, HttpStatusCode status, string? reason, string? mediaType, byte[] body, int attempts, string? gaveUpBecause,
            SecretRedactor? secrets = null)
        {
            Secrets = secrets;
            Method = method;
            Uri = uri;
            Status = status;
            Reason = reason;
            MediaType = mediaType;
            Body = body;
            Attempts = attempts;
            GaveUpBecause = gaveUpBecause;
        }

        public string Method { get; }
        public Uri Uri { get; }
        public HttpStatusCode Status { get; }
        /// <summary>The reason phrase, already cleaned (it is server text).</summary>
        public string? Reason { get; }
        public string? MediaType { get; }
        public byte[] Body { get; }
        public int Attempts { get; }
        public string? GaveUpBecause { get; }
        /// <summary>The connection's secrets, to redact from any message that quotes this response.</summary>
        public SecretRedactor? Secrets { get; }
    }
}
