using System;
using System.Net.Sockets;

namespace Rinkel.Client.Http
{
    internal static class FailureText
    {
        // The innermost message is the one that names the cause ("Connection refused"), the outer ones only wrap it.
        // It can quote what the server sent ("invalid status line: '...'"), so it is server text like any other.
        public static string Describe(Exception ex, SecretRedactor? secrets)
        {
            var inner = Innermost(ex);
            var text = inner is SocketException socket ? socket.SocketErrorCode + ": " + socket.Message : inner.Message;
            return ServerText.Clean(text, secrets) ?? inner.GetType().Name;
        }

        /// <summary>
        /// Whether the host name does not exist (as opposed to a resolver that is briefly unavailable, which is
        /// worth a retry): retrying cannot help, so the caller hears at once.
        /// </summary>
        public static bool IsUnknownHost(Exception ex) =>
            Innermost(ex) is SocketException socket &&
            (socket.SocketErrorCode == SocketError.HostNotFound || socket.SocketErrorCode == SocketError.NoData);

        private static Exception Innermost(Exception ex)
        {
            var inner = ex;
            while (inner.InnerException != null) inner = inner.InnerException;
            return inner;
        }
    }
}
