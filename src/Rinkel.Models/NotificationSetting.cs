using System.Collections.Generic;

namespace Rinkel
{
    /// <summary>One notification kind: whether it is on and on which channels (<c>email</c>, <c>app</c>, ...).</summary>
    public sealed class NotificationSetting
    {
        public bool? Enabled { get; set; }
        public string[]? Channels { get; set; }

        /// <summary><c>Enabled=on; Channels=email,app</c>.</summary>
        public override string ToString()
        {
            var parts = new List<string>(2);
            Text.AddPair(parts, nameof(Enabled), Text.OnOff(Enabled));
            Text.AddPair(parts, nameof(Channels), Channels is { Length: > 0 } ? string.Join(",", Channels) : null);
            return Text.Join(parts);
        }

        /// <summary><c>off</c>, or the channels it is on for (<c>email,app</c>).</summary>
        internal string Summary()
        {
            if (Enabled != true) return Text.OnOff(Enabled) ?? string.Empty;
            return Channels is { Length: > 0 } ? string.Join(",", Channels) : "on";
        }
    }
}
