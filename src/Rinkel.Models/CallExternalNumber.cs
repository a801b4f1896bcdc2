namespace Rinkel
{
    /// <summary>The other party of a call (<c>externalNumber</c>): a number, or an anonymous caller.</summary>
    public sealed class CallExternalNumber
    {
        /// <summary>True when the caller withheld the number (then <see cref="E164"/> is empty).</summary>
        public bool? Anonymous { get; set; }
        public string? E164 { get; set; }
        /// <summary>The national form the Rinkel app shows, e.g. <c>06 12 345 678</c>.</summary>
        public string? Localized { get; set; }
        public bool? IsOnClientBlacklist { get; set; }
        public bool? IsOnGlobalBlacklist { get; set; }

        // E.164 is what other systems take, so it is what a CSV cell shows; an anonymous caller reads as such.
        public override string ToString() =>
            !string.IsNullOrEmpty(E164) ? E164! : Anonymous == true ? "anonymous" : Localized ?? string.Empty;
    }
}
