using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace Rinkel.Client.Http
{
    internal static class RetryAfter
    {
        private static readonly TimeSpan Ceiling = TimeSpan.FromHours(1);

        /// <summary>The server's Retry-After as a delay from <paramref name="now"/>, in either of its forms, or null.</summary>
        public static TimeSpan? From(HttpResponseMessage response, DateTimeOffset now)
        {
            var header = response.Headers.RetryAfter;
            if (header?.Delta is TimeSpan delta) return Clamp(delta); // the whole delta: .Seconds alone would wrap at 60
            if (header?.Date is DateTimeOffset date) return Clamp(date - now);

            // Some servers send fractional seconds, which the typed header rejects.
            if (response.Headers.TryGetValues("Retry-After", out var raw) &&
                double.TryParse(raw.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) &&
                !double.IsNaN(seconds) && !double.IsInfinity(seconds))
                return Clamp(TimeSpan.FromSeconds(Math.Min(Math.Max(seconds, 0), Ceiling.TotalSeconds)));
            return null;
        }

        private static TimeSpan Clamp(TimeSpan value) =>
            value < TimeSpan.Zero ? TimeSpan.Zero : value > Ceiling ? Ceiling : value;
    }
}
