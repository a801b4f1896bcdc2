using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading;

namespace Rinkel.Client
{
    /// <summary>
    /// The API key, held as a read-only <see cref="SecureString"/> until the moment a request header is written.
    /// </summary>
    /// <remarks>
    /// No member returns the key as a string: it can only be revealed to the header handler inside this
    /// assembly, so no object PowerShell formats, serializes or logs can ever show it.
    /// </remarks>
    public sealed class RinkelApiKey : IDisposable
    {
        public const int MaxLength = 4096;

        private readonly SecureString _secret;

        private RinkelApiKey(SecureString secret)
        {
            _secret = secret;
            _secret.MakeReadOnly();
        }

        /// <summary>Copies <paramref name="key"/>; the caller keeps ownership of its own instance.</summary>
        public static RinkelApiKey FromSecureString(SecureString key)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            var copy = key.Copy();
            try
            {
                Validate(copy);
                return new RinkelApiKey(copy);
            }
            catch
            {
                copy.Dispose();
                throw;
            }
        }

        /// <summary>For keys that only ever existed as plain text (an environment variable).</summary>
        public static RinkelApiKey FromPlainText(string key)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            var secure = new SecureString();
            foreach (var c in key.Trim()) secure.AppendChar(c);
            return FromSecureString(secure);
        }

        public override string ToString() => "RinkelApiKey(hidden)";

        /// <summary>Zeroes and frees the key; a disposed key can no longer be sent.</summary>
        public void Dispose()
        {
            Interlocked.Exchange(ref _disposed, 1);
            _secret.Dispose();
        }

        internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        private int _disposed;

        /// <summary>
        /// <paramref name="text"/> with every occurrence of the key replaced, compared in unmanaged memory that is
        /// zeroed afterwards, so no managed copy of the key is made to look for it. Once the key is disposed it can
        /// no longer be looked for, so the text is withheld rather than risk quoting it.
        /// </summary>
        internal string RedactFrom(string text, string placeholder)
        {
            if (string.IsNullOrEmpty(text)) return text;
            var ptr = IntPtr.Zero;
            try
            {
                int length;
                try
                {
                    // Most server text (header values, short messages) is shorter than any key: no copy needed.
                    length = _secret.Length;
                    if (length == 0 || text.Length < length) return text;
                    ptr = Marshal.SecureStringToGlobalAllocUnicode(_secret);
                }
                catch (ObjectDisposedException)
                {
                    return "(text withheld: the connection it came from is closed)";
                }
                var first = (char)Marshal.ReadInt16(ptr, 0);
                System.Text.StringBuilder? sb = null;
                var copied = 0;
                for (var i = 0; i <= text.Length - length; i++)
                {
                    if (text[i] != first || !MatchesAt(text, i, ptr, length)) continue;
                    sb ??= new System.Text.StringBuilder(text.Length);
                    sb.Append(text, copied, i - copied).Append(placeholder);
                    copied = i + length;
                    i = copied - 1;
                }
                if (sb == null) return text;
                return sb.Append(text, copied, text.Length - copied).ToString();
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }

        private static bool MatchesAt(string text, int start, IntPtr key, int length)
        {
            for (var j = 1; j < length; j++)
                if (text[start + j] != (char)Marshal.ReadInt16(key, j * 2)) return false;
            return true;
        }

        /// <summary>
        /// Overwrites a string that <see cref="Reveal"/> returned, once nothing needs it any more. Strings are
        /// immutable by contract, but this one was made for the header alone and is never shared or interned.
        /// </summary>
        internal static void Scrub(string? revealed)
        {
            if (string.IsNullOrEmpty(revealed)) return;
            System.Runtime.InteropServices.MemoryMarshal.AsMemory(revealed.AsMemory()).Span.Clear();
        }

        internal string Reveal()
        {
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(_secret);
                return Marshal.PtrToStringUni(ptr, _secret.Length);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }

        // The messages never quote the key: an error record is printed, logged and transcribed.
        private static void Validate(SecureString key)
        {
            if (key.Length == 0) throw new ArgumentException("The API key is empty.", nameof(key));
            if (key.Length > MaxLength) throw new ArgumentException($"The API key is longer than {MaxLength} characters.", nameof(key));
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(key);
                for (var i = 0; i < key.Length; i++)
                {
                    var c = (char)Marshal.ReadInt16(ptr, i * 2);
                    if (c <= ' ' || c == '\u007f' || c > '\u007e')
                        throw new ArgumentException(
                            $"The API key contains a character that cannot be sent in an HTTP header (whitespace, a control or a non-ASCII character, at position {i + 1}).",
                            nameof(key));
                }
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
