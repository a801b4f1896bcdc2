using System;
using System.Threading;
using Rinkel.Client;

namespace Rinkel
{
    /// <summary>
    /// A verified connection to one Rinkel account, as returned by <c>Connect-Rinkel -PassThru</c> and
    /// <c>Get-RinkelConnection</c>, and accepted by every cmdlet's <c>-Connection</c>.
    /// </summary>
    /// <remarks>Shows where and when it connected and its settings; the key is only inside the client.</remarks>
    public sealed class Connection
    {
        internal Connection(RinkelClient client, string keySource, DateTimeOffset connectedAt)
        {
            Client = client;
            KeySource = keySource;
            ConnectedAt = connectedAt;
        }

        public Uri BaseUri => Client.Options.BaseUri;
        public DateTimeOffset ConnectedAt { get; }
        /// <summary>Where the key came from: the ApiKey parameter, a credential, or the RINKEL_API_KEY variable.</summary>
        public string KeySource { get; }
        public int MaxRetryCount => Client.Options.MaxRetryCount;
        public int TimeoutSec => (int)Client.Options.Timeout.TotalSeconds;
        public int MaxConcurrentPages => Client.Options.MaxConcurrentPages;
        public int MaxConcurrentRequests => Client.Options.MaxConcurrentRequests;
        public int MaxConcurrentDownloads => Client.Options.MaxConcurrentDownloads;

        internal RinkelClient Client { get; }

        /// <summary>Set by Disconnect-Rinkel: a saved reference must stop working too, as users expect of a sign-out.</summary>
        internal bool IsClosed => Volatile.Read(ref _closed) != 0;

        internal void Close() => Interlocked.Exchange(ref _closed, 1);

        private int _closed;

        public override string ToString() => BaseUri + " (connected " + ConnectedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + ")";
    }
}
