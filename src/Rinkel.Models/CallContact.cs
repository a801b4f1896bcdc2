using System.Collections.Generic;

namespace Rinkel
{
    /// <summary>The contact the external number belongs to, when the call was matched to one.</summary>
    public sealed class CallContact
    {
        public string? Id { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Initials { get; set; }
        public string? FullName { get; set; }
        public string? CompanyName { get; set; }
        public ContactNumberList? Numbers { get; set; }
        public bool? Favorite { get; set; }
        public bool? Shared { get; set; }
        public string? SharedByUser { get; set; }
        public string? DefaultOutboundNumberId { get; set; }
        public string? Tag { get; set; }
        public string? Email { get; set; }
        public AvatarUrls? AvatarUrls { get; set; }

        public override string ToString()
        {
            var name = !string.IsNullOrEmpty(FullName) ? FullName! : string.Join(" ", new[] { FirstName, LastName }).Trim();
            return string.IsNullOrEmpty(CompanyName) ? name : name.Length == 0 ? CompanyName! : name + " (" + CompanyName + ")";
        }
    }

    /// <summary>One number of a contact.</summary>
    public sealed class ContactNumber
    {
        public string? Label { get; set; }
        public string? E164 { get; set; }
        public string? CountryIsoCode { get; set; }
        public int? CountryCallingCode { get; set; }
        public string? Number { get; set; }
        public string? Localized { get; set; }

        public override string ToString() => E164 ?? Localized ?? Number ?? string.Empty;
    }

    /// <summary>A contact's numbers; reads as the numbers themselves in a CSV cell or a list view.</summary>
    public sealed class ContactNumberList : List<ContactNumber>
    {
        public override string ToString() => string.Join(", ", this);
    }
}
