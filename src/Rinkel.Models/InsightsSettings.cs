namespace Rinkel
{
    /// <summary>AI call insights for the user.</summary>
    public sealed class InsightsSettings
    {
        public bool? Enabled { get; set; }

        public override string ToString() => Text.OnOff(Enabled) ?? string.Empty;
    }
}
