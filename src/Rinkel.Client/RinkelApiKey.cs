using System;
using System.Runtime.InteropServices;
using System.Security;

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

        public void Dispose() => _secret.Dispose();

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
