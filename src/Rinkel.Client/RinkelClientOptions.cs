using System;

namespace Rinkel.Client
{
    /// <summary>Settings of one connection. Immutable once a <see cref="RinkelClient"/> holds them.</summary>
    public sealed class RinkelClientOptions
    {
        public static readonly Uri DefaultBaseUri = new Uri("https://api.rinkel.com/v1");

        public const int DefaultMaxRetryCount = 4;
        public const int DefaultTimeoutSeconds = 30;
        public const int DefaultMaxConcurrentPages = 4;
        public const int DefaultMaxConcurrentRequests = 8;
        public const int DefaultMaxConcurrentDownloads = 4;

        /// <summary>The documented maximum page size; every listing uses it to keep round trips few.</summary>
        public const int MaxPageSize = 50;

        public RinkelClientOptions(Uri? baseUri = null)
        {
            BaseUri = BaseUriPolicy.Normalize(baseUri ?? DefaultBaseUri);
        }

        /// <summary>The API root, always ending in a slash so relative paths append to it.</summary>
        public Uri BaseUri { get; }

        /// <summary>Retries after the first attempt, for idempotent requests that met 429, 5xx, a timeout or a reset.</summary>
        public int MaxRetryCount { get; set; } = DefaultMaxRetryCount;

        /// <summary>How long one attempt may take before it counts as timed out.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(DefaultTimeoutSeconds);

        /// <summary>Upper bound on the time one request may spend, retries and waits included.</summary>
        public TimeSpan MaxRetryDuration { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Base of the exponential backoff when the API gives no Retry-After.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>Cap of one backoff wait.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Pages of a listing fetched at once once the page count is known.</summary>
        public int MaxConcurrentPages { get; set; } = DefaultMaxConcurrentPages;

        /// <summary>Single-resource requests (e.g. users by id) in flight at once.</summary>
        public int MaxConcurrentRequests { get; set; } = DefaultMaxConcurrentRequests;

        /// <summary>Audio files downloaded at once by Save-RinkelAudio.</summary>
        public int MaxConcurrentDownloads { get; set; } = DefaultMaxConcurrentDownloads;

        /// <summary>Sent as User-Agent on every request.</summary>
        public string UserAgent { get; set; } = "Rinkel.Client";

        /// <summary>Largest response body accepted; a page of 50 users is a few hundred kB.</summary>
        public long MaxResponseBytes { get; set; } = 32L * 1024 * 1024;

        internal void Validate()
        {
            if (MaxRetryCount < 0 || MaxRetryCount > 20) throw new ArgumentOutOfRangeException(nameof(MaxRetryCount), MaxRetryCount, "MaxRetryCount must be between 0 and 20.");
            if (Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Timeout must be positive.");
            if (MaxConcurrentPages < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrentPages), MaxConcurrentPages, "MaxConcurrentPages must be at least 1.");
            if (MaxConcurrentDownloads < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrentDownloads), MaxConcurrentDownloads, "MaxConcurrentDownloads must be at least 1.");
            if (MaxConcurrentRequests < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrentRequests), MaxConcurrentRequests, "MaxConcurrentRequests must be at least 1.");
        }
    }
}
