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

        public static void Set(Connection connection) => Volatile.Write(ref _current, connection);

        /// <summary>Clears the current connection; the old client is left to in-flight calls of other runspaces.</summary>
        public static Connection? Clear() => Interlocked.Exchange(ref _current, null);
    }
}
