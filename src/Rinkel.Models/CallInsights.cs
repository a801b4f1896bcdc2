using System.Collections.Generic;

namespace Rinkel
{
    /// <summary>AI insights of a call; present only with Rinkel's insights subscription.</summary>
    public sealed class CallInsights
    {
        public string? Summary { get; set; }
        /// <summary>As sent (<c>positive</c>, <c>neutral</c>, <c>negative</c>); the -Sentiment filter takes any casing.</summary>
        public string? Sentiment { get; set; }
        public string[]? Topics { get; set; }

        public override string ToString()
        {
            var parts = new List<string>(3);
            if (!string.IsNullOrEmpty(Sentiment)) parts.Add(Sentiment!);
            if (Topics is { Length: > 0 }) parts.Add(string.Join(", ", Topics));
            if (!string.IsNullOrEmpty(Summary)) parts.Add(Summary!);
            return string.Join("; ", parts);
        }
    }
}
