using System;
using System.Threading;
using System.Threading.Tasks;

namespace Rinkel.Client.Http
{
    /// <summary>
    /// One per connection: when the API tells one request to back off, every request of that connection waits
    /// too, instead of the others hammering a server that just said it is overloaded.
    /// </summary>
    internal sealed class RequestGate
    {
        private long _blockedUntilTicks; // UTC ticks
        private int _throttleCount;

        /// <summary>How many times the API has throttled this connection; listings shrink their window on it.</summary>
        public int ThrottleCount => Volatile.Read(ref _throttleCount);

        public void Block(TimeSpan delay)
        {
            Interlocked.Increment(ref _throttleCount);
            var until = DateTime.UtcNow.Ticks + delay.Ticks;
            long current;
            do
            {
                current = Interlocked.Read(ref _blockedUntilTicks);
                if (current >= until) return;
            }
            while (Interlocked.CompareExchange(ref _blockedUntilTicks, until, current) != current);
        }

        public Task WaitAsync(CancellationToken cancellationToken)
        {
            var remaining = Interlocked.Read(ref _blockedUntilTicks) - DateTime.UtcNow.Ticks;
            return remaining > 0 ? Task.Delay(TimeSpan.FromTicks(remaining), cancellationToken) : Task.CompletedTask;
        }
    }
}
