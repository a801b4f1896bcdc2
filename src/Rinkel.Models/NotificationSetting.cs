namespace Rinkel
{
    /// <summary>One notification kind: whether it is on and on which channels (<c>email</c>, <c>app</c>, ...).</summary>
    public sealed class NotificationSetting
    {
        public bool? Enabled { get; set; }
        public string[]? Channels { get; set; }

        public override string ToString()
        {
            if (Enabled != true) return Text.OnOff(Enabled) ?? string.Empty;
            return Channels is { Length: > 0 } ? string.Join(",", Channels) : "on";
        }
    }
}
