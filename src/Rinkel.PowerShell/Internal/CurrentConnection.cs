using System.Threading;

namespace Rinkel.Internal
{
    /// <summary>
    /// The process-wide current connection. Static, so every runspace of the process (ForEach-Object -Parallel,
    /// Start-ThreadJob, a runspace pool) sees the connection made once; swapped atomically.
    /// </summary>
    internal static class CurrentConnection
    {
        private static Connection? _current;

        public static Connection? Get() => Volatile.Read(ref _current);

        /// <summary>
        /// Makes <paramref name="connection"/> current. The one it replaces is retired: closed (its key disposed) once
        /// no running command uses it, unless the user was given it (-PassThru) and may still pass it to -Connection.
        /// </summary>
        public static void Set(Connection connection)
        {
            var previous = Interlocked.Exchange(ref _current, connection);
            if (previous != null && !ReferenceEquals(previous, connection)) previous.Retire();
        }

        /// <summary>Clears the current connection and returns it, for the caller to close.</summary>
        public static Connection? Clear() => Interlocked.Exchange(ref _current, null);
    }
}
