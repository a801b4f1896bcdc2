using System;

namespace Rinkel.Client
{
    /// <summary>
    /// Optionally implemented by an <see cref="IRinkelObserver"/> that wants to show waits as they happen (a
    /// progress bar counting down), so a throttled command never looks like a hang. A separate interface, so
    /// observers that do not care need not change.
    /// </summary>
    public interface IRinkelWaitObserver
    {
        /// <summary>Called when a wait starts, about once a second while it lasts, and once when it ends.</summary>
        void OnWaiting(WaitTrace trace);
    }

    public sealed class WaitTrace
    {
        public WaitTrace(string method, Uri uri, TimeSpan remaining, string reason, bool inherited, bool ended)
        {
            Method = method;
            Uri = uri;
            Remaining = remaining;
            Reason = reason;
            Inherited = inherited;
            Ended = ended;
        }

        public string Method { get; }
        /// <summary>The request that waits.</summary>
        public Uri Uri { get; }
        /// <summary>How much longer the wait lasts (zero once it has ended).</summary>
        public TimeSpan Remaining { get; }
        /// <summary>Why: what the API answered, and to which request. Free of control characters and secrets.</summary>
        public string Reason { get; }
        /// <summary>
        /// True when the request waits because the connection is throttled (a 429 to another request, maybe of
        /// another command or runspace); false when it waits before its own retry.
        /// </summary>
        public bool Inherited { get; }
        /// <summary>True on the last call for this wait.</summary>
        public bool Ended { get; }
    }
}
