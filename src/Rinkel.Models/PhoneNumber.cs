namespace Rinkel
{
    public sealed class PhoneNumber
    {
        /// <summary>The number in E.164 form, e.g. <c>+31612345678</c>.</summary>
        public string? E164 { get; set; }
        public string? CountryIsoCode { get; set; }
        public int? CountryCallingCode { get; set; }
        /// <summary>The national number without the calling code.</summary>
        public string? Number { get; set; }

        // E.164 is what admins paste into other systems, so it is what a CSV cell or "$number" shows.
        public override string ToString()
        {
            if (!string.IsNullOrEmpty(E164)) return E164!;
            if (CountryCallingCode is int code && !string.IsNullOrEmpty(Number)) return "+" + code + Number;
            return Number ?? string.Empty;
        }
    }
}
