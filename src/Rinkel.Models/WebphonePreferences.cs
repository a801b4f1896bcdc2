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

        /// <summary><c>RingTone=ringtone1; RingDevice=on; CallWaiting={Enabled=on; PlayWaitingTone=on}; MusicOnHold={Enabled=on; Music=568d...}</c>.</summary>
        public override string ToString()
        {
            var parts = new List<string>(4);
            Text.AddPair(parts, nameof(RingTone), RingTone);
            Text.AddPair(parts, nameof(RingDevice), Text.OnOff(RingDevice));
            Text.AddPair(parts, nameof(CallWaiting), Text.Braced(CallWaiting?.ToString()));
            Text.AddPair(parts, nameof(MusicOnHold), Text.Braced(MusicOnHold?.ToString()));
            return Text.Join(parts);
        }
    }
}
