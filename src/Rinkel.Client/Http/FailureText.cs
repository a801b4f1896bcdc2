using System;
using System.Net.Sockets;

namespace Rinkel.Client.Http
{
    internal static class FailureText
    {
        // The innermost message is the one that names the cause ("Connection refused"), the outer ones only wrap it.
        public static string Describe(Exception ex)
        {
            var inner = ex;
            while (inner.InnerException != null) inner = inner.InnerException;
            if (inner is SocketException socket) return socket.SocketErrorCode + ": " + socket.Message;
            return inner.Message;
        }
    }
}
