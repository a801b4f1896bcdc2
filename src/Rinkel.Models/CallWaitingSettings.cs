using System.Collections.Generic;

namespace Rinkel
{
    public sealed class CallWaitingSettings
    {
        public bool? Enabled { get; set; }
        public bool? PlayWaitingTone { get; set; }

        /// <summary><c>Enabled=on; PlayWaitingTone=off</c>.</summary>
        public override string ToString()
        {
            var parts = new List<string>(2);
            Text.AddPair(parts, nameof(Enabled), Text.OnOff(Enabled));
            Text.AddPair(parts, nameof(PlayWaitingTone), Text.OnOff(PlayWaitingTone));
            return Text.Join(parts);
        }
    }
}
