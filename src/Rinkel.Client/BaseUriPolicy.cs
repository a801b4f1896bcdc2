using System;
using System.Net;

namespace Rinkel.Client
{
    /// <summary>Which API roots a key may be sent to.</summary>
    public static class BaseUriPolicy
    {
        /// <summary>Returns why <paramref name="uri"/> is not an acceptable API root, or null when it is.</summary>
        /// <remarks>
        /// The key travels in a header, so plain http would hand it to anyone on the path: only loopback may use
        /// http (the local fake API). User info and queries are refused because they would end up in logs and errors.
        /// </remarks>
        public static string? Check(Uri? uri)
        {
            if (uri is null) return "The base URI is empty.";
            if (!uri.IsAbsoluteUri) return "The base URI must be absolute, like https://api.rinkel.com/v1.";
            if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                return "The base URI must use https.";
            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
                return "The base URI must use https; plain http is only allowed for loopback addresses (local testing).";
            if (!string.IsNullOrEmpty(uri.UserInfo)) return "The base URI must not contain user information.";
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
                return "The base URI must not contain a query or fragment.";
            return null;
        }

        internal static Uri Normalize(Uri uri)
        {
            var problem = Check(uri);
            if (problem != null) throw new ArgumentException(problem, nameof(uri));
            var text = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
            return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/", UriKind.Absolute);
        }

        private static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback) return true;
            var host = uri.DnsSafeHost;
            return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
        }
    }
}
