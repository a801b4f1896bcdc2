using System;
using System.Globalization;
using System.Text;

namespace Rinkel.Client
{
    /// <summary>
    /// The one way text that came from the server (reason phrases, header values, API messages, parser messages
    /// that quote the body) becomes part of a message: secrets are redacted, and everything that could steer a
    /// terminal is made visible instead of obeyed.
    /// </summary>
    /// <remarks>
    /// Messages end up in consoles, transcripts and logs. An escape sequence (ESC[2J, an OSC window title) would
    /// repaint the admin's terminal, a bidirectional override (U+202E) would make the text read differently from
    /// what it says, and a line break would let a server forge extra "WARNING:" lines. Each such character is
    /// written as its code (\x1B, \u202E), so the text stays readable and honest about what was sent.
    /// </remarks>
    public static class ServerText
    {
        /// <summary>The longest piece of server text a message quotes.</summary>
        public const int MaxLength = 1024;

        /// <summary>Redacts <paramref name="secrets"/> from <paramref name="text"/>, neutralises it and caps its length.</summary>
        public static string? Clean(string? text, SecretRedactor? secrets = null, int maxLength = MaxLength)
        {
            if (string.IsNullOrEmpty(text)) return null;
            // Redact before cutting (so a cut cannot split a secret into a half that escapes) but not over megabytes.
            var raw = text!.Length > maxLength * 2 + SecretRedactor.MaxSecretLength
                ? text.Substring(0, maxLength * 2 + SecretRedactor.MaxSecretLength)
                : text;
            if (secrets != null) raw = secrets.Redact(raw);
            var clean = Neutralize(raw).Trim();
            if (clean.Length > maxLength) clean = clean.Substring(0, maxLength).TrimEnd() + "…";
            return clean.Length == 0 ? null : clean;
        }

        /// <summary>Replaces control characters, bidirectional controls and broken surrogates; keeps everything else.</summary>
        public static string Neutralize(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            if (!NeedsWork(text)) return text;
            var sb = new StringBuilder(text.Length + 16);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sb.Append(c).Append(text[++i]);
                }
                else if (char.IsSurrogate(c))
                {
                    sb.Append('\uFFFD');
                }
                else if (IsLineOrTab(c))
                {
                    sb.Append(' ');
                }
                else if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
                {
                    sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                }
                else if (IsBidiControl(c))
                {
                    sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    sb.Append(c);
                }
            }
            return sb.ToString();
        }

        private static bool NeedsWork(string text)
        {
            foreach (var c in text)
                if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || char.IsSurrogate(c) || IsLineOrTab(c) || IsBidiControl(c))
                    return true;
            return false;
        }

        private static bool IsLineOrTab(char c) => c == '\r' || c == '\n' || c == '\t' || c == '\u0085' || c == '\u2028' || c == '\u2029';

        // The Unicode bidirectional formatting characters (UAX #9): marks, embeddings, overrides and isolates.
        private static bool IsBidiControl(char c) =>
            c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
