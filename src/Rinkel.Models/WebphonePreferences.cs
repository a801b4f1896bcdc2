using System.Collections.Generic;

namespace Rinkel
{
    public sealed class WebphonePreferences
    {
        /// <summary><c>ringtone1</c> .. <c>ringtone6</c>.</summary>
        public string? RingTone { get; set; }
        /// <summary>Whether the user's device also rings on incoming webphone calls.</summary>
        public bool? RingDevice { get; set; }
        public CallWaitingSettings? CallWaiting { get; set; }
        /// <summary>Music on hold (<c>mohConfig</c> in the API).</summary>
        public MusicOnHoldSettings? MusicOnHold { get; set; }

        public override string ToString()
        {
            var parts = new List<string>(4);
            Text.AddPair(parts, "RingTone", RingTone);
            Text.AddPair(parts, "RingDevice", Text.OnOff(RingDevice));
            Text.AddPair(parts, "CallWaiting", CallWaiting?.ToString());
            Text.AddPair(parts, "MusicOnHold", MusicOnHold?.ToString());
            return string.Join("; ", parts);
        }
    }
}
