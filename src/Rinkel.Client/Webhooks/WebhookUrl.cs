using System;

namespace Rinkel.Client
{
    /// <summary>The rule the API sets for delivery URLs: absolute https with a host.</summary>
    public static class WebhookUrl
    {
        /// <summary>Null when <paramref name="url"/> is usable, else a sentence that says why not.</summary>
        public static string? Check(Uri? url)
        {
            if (url is null) return "The webhook URL is empty.";
            if (!url.IsAbsoluteUri)
                return $"The webhook URL '{url.OriginalString}' is not an absolute URL; give the whole address, starting with https://.";
            if (!string.Equals(url.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
                return $"The webhook URL '{url.OriginalString}' uses {url.Scheme}; Rinkel delivers events only to https URLs.";
            if (string.IsNullOrEmpty(url.Host))
                return $"The webhook URL '{url.OriginalString}' has no host name.";
            return null;
        }
    }
}
