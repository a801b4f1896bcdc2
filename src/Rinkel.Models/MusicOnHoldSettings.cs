namespace Rinkel
{
    public sealed class MusicOnHoldSettings
    {
        public bool? Enabled { get; set; }
        /// <summary>Id of the music played while a caller is on hold.</summary>
        public string? Music { get; set; }

        public override string ToString() =>
            Enabled == true && !string.IsNullOrEmpty(Music) ? "on (" + Music + ")" : Text.OnOff(Enabled) ?? string.Empty;
    }
}
