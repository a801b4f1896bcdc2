using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Rinkel.Client.Http
{
    /// <summary>
    /// One per connection: when the API throttles the account (a 429 with a wait), every request of that connection
    /// waits too, instead of the others hammering a server that just said the account is over its limit.
    /// </summary>
    /// <remarks>
    /// A hold lasts only as long as a request is actually waiting it out: when that request is cancelled (Ctrl+C),
    /// its hold goes with it, so the next command is not blocked silently by a wait nobody is doing any more. If the
    /// account is still throttled, the API says so again and that command waits for its own, visible, reason.
    /// </remarks>
    internal sealed class RequestGate
    {
        private readonly object _lock = new object();
        private readonly List<Hold> _holds = new List<Hold>();
        private TaskCompletionSource<bool> _changed = NewSignal();
        private int _throttleCount;

        /// <summary>How many times the API has throttled this connection; listings shrink their window on it.</summary>
        public int ThrottleCount => Volatile.Read(ref _throttleCount);

        /// <summary>How much longer requests of this connection are held back; zero when they may go.</summary>
        public TimeSpan Remaining
        {
            get
            {
                lock (_lock) return RemainingLocked(DateTime.UtcNow.Ticks, out _);
            }
        }

        /// <summary>Holds every request of the connection back for <paramref name="delay"/>, until the hold is released.</summary>
        public Hold Block(TimeSpan delay, string reason)
        {
            Interlocked.Increment(ref _throttleCount);
            var hold = new Hold(this, DateTime.UtcNow.Ticks + delay.Ticks, reason);
            lock (_lock) _holds.Add(hold);
            return hold;
        }

        /// <summary>
        /// Waits while the connection is held, reporting each second of the wait to <paramref name="report"/>
        /// (remaining time and the reason), and waking early when the hold is released.
        /// </summary>
        public async Task WaitAsync(Action<TimeSpan, string>? report, CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan remaining;
                string reason;
                Task changed;
                lock (_lock)
                {
                    remaining = RemainingLocked(DateTime.UtcNow.Ticks, out reason);
                    changed = _changed.Task;
                }
                if (remaining <= TimeSpan.Zero) return;
                report?.Invoke(remaining, reason);
                var step = remaining < OneSecond ? remaining : OneSecond;
                await Task.WhenAny(Task.Delay(step, cancellationToken), changed).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

        private TimeSpan RemainingLocked(long now, out string reason)
        {
            long until = 0;
            reason = string.Empty;
            for (var i = _holds.Count - 1; i >= 0; i--)
            {
                var hold = _holds[i];
                if (hold.UntilTicks <= now)
                {
                    _holds.RemoveAt(i);
                    continue;
                }
                if (hold.UntilTicks > until)
                {
                    until = hold.UntilTicks;
                    reason = hold.Reason;
                }
            }
            return until > now ? TimeSpan.FromTicks(until - now) : TimeSpan.Zero;
        }

        private void Release(Hold hold)
        {
            TaskCompletionSource<bool> changed;
            lock (_lock)
            {
                if (!_holds.Remove(hold)) return;
                changed = _changed;
                _changed = NewSignal();
            }
            changed.TrySetResult(true);
        }

        private static TaskCompletionSource<bool> NewSignal() =>
            new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>One request's wait; disposing it lets the others go (if no other hold remains).</summary>
        internal sealed class Hold : IDisposable
        {
            private readonly RequestGate _gate;

            public Hold(RequestGate gate, long untilTicks, string reason)
            {
                _gate = gate;
                UntilTicks = untilTicks;
                Reason = reason;
            }

            public long UntilTicks { get; }
            public string Reason { get; }

            public void Dispose() => _gate.Release(this);
        }
    }
}
