using System;

namespace Rinkel.Client.Http
{
    internal static class Backoff
    {
        private static readonly object Lock = new object();
        private static readonly Random Random = new Random();

        /// <summary>Exponential backoff with jitter: between half and all of base * 2^(attempt-1), capped.</summary>
        public static TimeSpan Delay(int failedAttempt, RinkelClientOptions options)
        {
            var exponent = Math.Min(failedAttempt - 1, 16);
            var ceiling = Math.Min(options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent), options.MaxRetryDelay.TotalMilliseconds);
            double factor;
            lock (Lock) factor = 0.5 + Random.NextDouble() * 0.5;
            return TimeSpan.FromMilliseconds(ceiling * factor);
        }
    }
}
