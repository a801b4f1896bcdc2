using System;

namespace Rinkel
{
    /// <summary>
    /// A phone number. It compares, sorts, groups and exports as its E.164 text (<see cref="TextValue"/>), so
    /// <c>Where-Object PhoneNumber -eq '+31612345678'</c> finds the user.
    /// </summary>
    public sealed class PhoneNumber : TextValue
    {
        /// <summary>The number in E.164 form, e.g. <c>+31612345678</c>.</summary>
        public string? E164 { get; set; }
        public string? CountryIsoCode { get; set; }
        public int? CountryCallingCode { get; set; }
        /// <summary>The national number without the calling code.</summary>
        public string? Number { get; set; }

        // Digits only: E.164 has no letters, so case never matters, and ordinal order is the order of the digits.
        protected override StringComparison Comparison => StringComparison.Ordinal;

        // E.164 is what admins paste into other systems, so it is what a CSV cell or "$number" shows.
        public override string ToString()
        {
            if (!string.IsNullOrEmpty(E164)) return E164!;
            if (CountryCallingCode is int code && !string.IsNullOrEmpty(Number)) return "+" + code + Number;
            return Number ?? string.Empty;
        }

        /// <summary>
        /// Reads a number in E.164 form (<c>+</c>, then 7 to 15 digits). PowerShell uses it to convert a string
        /// to a phone number: <c>[Rinkel.PhoneNumber]'+31612345678'</c>, and the string side of a comparison.
        /// </summary>
        /// <exception cref="FormatException">The text is not in E.164 form.</exception>
        public static PhoneNumber Parse(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            var trimmed = text.Trim();
            if (!IsE164(trimmed))
                throw new FormatException($"'{text}' is not a phone number in E.164 form: a '+', then 7 to 15 digits without spaces, for example +31612345678.");
            return new PhoneNumber { E164 = trimmed };
        }

        private static bool IsE164(string text)
        {
            if (text.Length < 8 || text.Length > 16 || text[0] != '+' || text[1] == '0') return false;
            for (var i = 1; i < text.Length; i++)
                if (text[i] < '0' || text[i] > '9') return false;
            return true;
        }
    }
}
