using System;
using System.Text;

namespace Rinkel.Client
{
    internal static class PathSegment
    {
        /// <summary>
        /// Escapes a value so it is exactly one path segment: '/', '?', '#', '%', spaces and non-ASCII are
        /// percent-encoded, and the dot segments "." and ".." (which URI resolution would collapse into another
        /// route) have their dots encoded too.
        /// </summary>
        /// <remarks>
        /// System.Uri decodes %2E again and removes "." and ".." segments anyway, so callers must refuse those two
        /// values before building a URI (<see cref="RinkelClient.GetUserAsync"/> does).
        /// </remarks>
        public static string Escape(string value)
        {
            var escaped = Uri.EscapeDataString(value);
            if (escaped.Trim('.').Length != 0) return escaped;
            var sb = new StringBuilder(escaped.Length * 3);
            foreach (var _ in escaped) sb.Append("%2E");
            return sb.ToString();
        }
    }
}
