namespace Rinkel
{
    public sealed class CallWaitingSettings
    {
        public bool? Enabled { get; set; }
        public bool? PlayWaitingTone { get; set; }

        public override string ToString() =>
            Enabled == true ? (PlayWaitingTone == true ? "on, with tone" : "on") : Text.OnOff(Enabled) ?? string.Empty;
    }
}
