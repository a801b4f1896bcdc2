using System;
using System.Text;

namespace Rinkel.Client
{
    /// <summary>
    /// A temporary audio URL. Its token grants access for hours without the API key, so it is a secret like the key:
    /// only <see cref="Redacted"/> may ever be shown, logged or put in an error.
    /// </summary>
    internal sealed class AudioUrl
    {
        public AudioUrl(Uri secret)
        {
            Secret = secret;
            Redacted = Redact(secret);
        }

        /// <summary>The URL to request. Never put it in a message.</summary>
        public Uri Secret { get; }

        /// <summary>The URL with every query value but the harmless ones replaced by "REDACTED".</summary>
        public Uri Redacted { get; }

        public override string ToString() => Redacted.AbsoluteUri;

        /// <summary>
        /// Keeps scheme, host and path (they name the audio, not the grant) and the names of query parameters; every
        /// value is replaced except <c>download</c> and <c>language</c>. User info is dropped. The token's parameter
        /// name is not a contract, so nothing is allowed through by guessing which one it is.
        /// </summary>
        public static Uri Redact(Uri url)
        {
            if (!url.IsAbsoluteUri) return new Uri("about:redacted");
            var builder = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty, Fragment = string.Empty };
            var query = url.Query.TrimStart('?');
            if (query.Length > 0)
            {
                var sb = new StringBuilder();
                foreach (var pair in query.Split('&'))
                {
                    if (pair.Length == 0) continue;
                    if (sb.Length > 0) sb.Append('&');
                    var equals = pair.IndexOf('=');
                    var name = equals < 0 ? pair : pair.Substring(0, equals);
                    var keep = name.Equals("download", StringComparison.OrdinalIgnoreCase) || name.Equals("language", StringComparison.OrdinalIgnoreCase);
                    sb.Append(name.Length > 64 ? "REDACTED" : name);
                    if (equals >= 0) sb.Append('=').Append(keep ? pair.Substring(equals + 1) : "REDACTED");
                }
                builder.Query = sb.ToString();
            }
            return builder.Uri;
        }
    }
}
