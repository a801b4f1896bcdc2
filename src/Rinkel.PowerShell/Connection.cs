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
        private int _users;
        private int _retired;
        private int _handedOut;

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

        /// <summary>Closed by Disconnect-Rinkel (or retired and released): a saved reference stops working too.</summary>
        internal bool IsClosed => Client.IsClosed;

        /// <summary>
        /// Disconnect-Rinkel: every runspace, saved reference and the completer stop sending at once; requests on
        /// the wire finish, and the key is disposed when the last of them has ended.
        /// </summary>
        internal void Close() => Client.Close();

        /// <summary>
        /// Marks the connection as given to the user (-PassThru, Get-RinkelConnection): a variable may hold it, so
        /// replacing it as the current connection must not close it.
        /// </summary>
        internal void MarkHandedOut() => Interlocked.Exchange(ref _handedOut, 1);

        /// <summary>
        /// Connect-Rinkel replaced this connection: commands still running on it finish, and the client (with its
        /// key) is closed once none uses it, unless the user holds it in a variable.
        /// </summary>
        internal void Retire()
        {
            Interlocked.Exchange(ref _retired, 1);
            CloseIfUnused();
        }

        /// <summary>A command's claim on the connection for as long as it runs; null when it is closed.</summary>
        internal IDisposable? TryUse()
        {
            Interlocked.Increment(ref _users);
            if (!IsClosed) return new Use(this);
            Release();
            return null;
        }

        private void Release()
        {
            if (Interlocked.Decrement(ref _users) == 0) CloseIfUnused();
        }

        private void CloseIfUnused()
        {
            if (Volatile.Read(ref _retired) != 0 && Volatile.Read(ref _handedOut) == 0 && Volatile.Read(ref _users) == 0) Close();
        }

        private sealed class Use : IDisposable
        {
            private Connection? _connection;

            public Use(Connection connection) => _connection = connection;

            public void Dispose() => Interlocked.Exchange(ref _connection, null)?.Release();
        }

        public override string ToString() => BaseUri + " (connected " + ConnectedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + ")";
    }
}
