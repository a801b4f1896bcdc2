namespace Rinkel
{
    /// <summary>The voicemail a caller left on the call.</summary>
    public sealed class CallVoicemail
    {
        public string? Id { get; set; }
        /// <summary>True while nobody has played it.</summary>
        public bool? New { get; set; }
        /// <summary>Length of the message.</summary>
        public CallDuration? Duration { get; set; }

        public override string ToString() =>
            (New == true ? "new" : New == false ? "played" : "voicemail") + (Duration is CallDuration d ? " " + d.Text : string.Empty);
    }
}
