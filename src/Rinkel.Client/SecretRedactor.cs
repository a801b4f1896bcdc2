using System;
using System.Collections.Generic;

namespace Rinkel.Client
{
    /// <summary>
    /// The secrets of one connection that must never be quoted back: its API key, and short-lived tokens the API
    /// hands out (signed URLs). Server text passes through <see cref="Redact"/> before it becomes a message.
    /// </summary>
    public sealed class SecretRedactor
    {
        /// <summary>What a secret is replaced with.</summary>
        public const string Placeholder = "[redacted]";

        internal const int MaxSecretLength = RinkelApiKey.MaxLength;

        // Shorter strings would redact ordinary words; tokens worth hiding are long.
        private const int MinSecretLength = 8;

        private readonly object _lock = new object();
        private readonly List<RinkelApiKey> _keys = new List<RinkelApiKey>();
        private readonly List<string> _tokens = new List<string>();

        internal void Add(RinkelApiKey key)
        {
            lock (_lock) _keys.Add(key);
        }

        /// <summary>Adds a secret that exists as plain text anyway (a URL token); too short ones are ignored.</summary>
        public void Add(string secret)
        {
            if (string.IsNullOrEmpty(secret) || secret.Length < MinSecretLength || secret.Length > MaxSecretLength) return;
            lock (_lock)
            {
                if (!_tokens.Contains(secret)) _tokens.Add(secret);
            }
        }

        /// <summary>Every known secret in <paramref name="text"/> replaced by <see cref="Placeholder"/>.</summary>
        public string Redact(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            RinkelApiKey[] keys;
            string[] tokens;
            lock (_lock)
            {
                keys = _keys.ToArray();
                tokens = _tokens.ToArray();
            }
            foreach (var key in keys) text = key.RedactFrom(text, Placeholder);
            foreach (var token in tokens)
                if (text.IndexOf(token, StringComparison.Ordinal) >= 0) text = text.Replace(token, Placeholder);
            return text;
        }
    }
}
