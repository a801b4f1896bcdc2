namespace Rinkel
{
    /// <summary>Avatar display URLs; present only when the listing asked for avatars.</summary>
    public sealed class AvatarUrls
    {
        /// <summary>250x250 avatar. Treat as opaque: it may carry an access token.</summary>
        public string? Small { get; set; }
        /// <summary>500x500 avatar.</summary>
        public string? Large { get; set; }

        public override string ToString() => Large ?? Small ?? string.Empty;
    }
}
