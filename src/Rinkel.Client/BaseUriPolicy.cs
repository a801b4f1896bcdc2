using System;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;

namespace Rinkel.Client
{
    /// <summary>Which API roots a key may be sent to.</summary>
    public static class BaseUriPolicy
    {
        private static readonly Regex Version = new Regex(@"^v[0-9]+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>Returns why <paramref name="uri"/> is not an acceptable API root, or null when it is.</summary>
        /// <remarks>
        /// The key travels in a header, so plain http would hand it to anyone on the path: only loopback may use
        /// http (the local fake API). User info and queries are refused because they would end up in logs and errors.
        /// The path must end in the API version (/v1): without it every request would be a bare "not found".
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
            var segments = Segments(uri);
            if (segments.Length == 0 || !Version.IsMatch(segments[segments.Length - 1]))
            {
                var root = uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
                var path = segments.Length == 0 ? string.Empty : "/" + string.Join("/", segments);
                return $"The base URI {root}{path} does not end in the API version: add it, like {root}{path}/v1.";
            }
            return null;
        }

        /// <summary>The API root as requests are built on it: empty path segments ("/v1//") dropped, one trailing slash.</summary>
        internal static Uri Normalize(Uri uri)
        {
            var problem = Check(uri);
            if (problem != null) throw new ArgumentException(problem, nameof(uri));
            var root = uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
            return new Uri(root + "/" + string.Join("/", Segments(uri)) + "/", UriKind.Absolute);
        }

        private static string[] Segments(Uri uri) =>
            uri.GetComponents(UriComponents.Path, UriFormat.UriEscaped).Split('/').Where(s => s.Length > 0).ToArray();

        private static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback) return true;
            var host = uri.DnsSafeHost;
            return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
        }
    }
}
