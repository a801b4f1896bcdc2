using System.Text.Encodings.Web;
using System.Text.Json;

namespace Rinkel.FakeApi;

/// <summary>Writes the API's JSON bodies with Utf8JsonWriter, straight into whatever buffer it is given.</summary>
internal static class ApiJson
{
    public const string ContentType = "application/json; charset=utf-8";

    // Like the real (Node) API: raw UTF-8 for non-ASCII text and no HTML escaping, so clients meet
    // "Søren" as bytes, not as \u00F8.
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteErrors(Utf8JsonWriter w, IEnumerable<ApiError> errors)
    {
        w.WriteStartObject();
        w.WriteStartArray("errors");
        foreach (var e in errors)
        {
            w.WriteStartObject();
            w.WriteString("code", e.Code);
            w.WriteString("message", e.Message);
            w.WriteString("detail", e.Detail);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WritePage(Utf8JsonWriter w, UserPage page) =>
        ListingEnvelope.Write(w, page.Window, page.Config.Meta, page.Link,
            (writer, i) => WriteUser(writer, UserGenerator.Create(page.Config.Seed, i, page.Config.Odd), page.IncludeAvatars, page.Origin));

    public static void WriteSingle(Utf8JsonWriter w, FakeUser user, bool bare, bool includeAvatars, string origin)
    {
        if (bare)
        {
            WriteUser(w, user, includeAvatars, origin);
            return;
        }

        w.WriteStartObject();
        w.WritePropertyName("data");
        WriteUser(w, user, includeAvatars, origin);
        w.WriteEndObject();
    }

    /// <summary>The API's phone number object, as users and the short user in a call record carry it.</summary>
    public static void WritePhoneNumber(Utf8JsonWriter w, PhoneNumber phone)
    {
        w.WriteStartObject("phoneNumber");
        w.WriteString("e164", phone.E164);
        w.WriteString("countryIsoCode", phone.CountryIsoCode);
        w.WriteNumber("countryCallingCode", phone.CountryCallingCode);
        w.WriteString("number", phone.Number);
        w.WriteEndObject();
    }

    public static void WriteUser(Utf8JsonWriter w, FakeUser u, bool includeAvatars, string origin)
    {
        w.WriteStartObject();
        w.WriteString("id", u.Id);
        w.WriteString("initials", u.Initials);
        w.WriteString("firstName", u.FirstName);
        w.WriteString("lastName", u.LastName);
        w.WriteString("fullName", u.FullName);
        w.WriteString("email", u.Email);
        if (u.Phone is { } phone)
        {
            WritePhoneNumber(w, phone);
        }

        w.WriteString("availability", u.Availability);
        if (includeAvatars)
        {
            // Like the pagination links, avatar URLs omit /v1: clients must treat them as opaque.
            var baseUrl = origin + "/users/" + u.Id + "/avatar/";
            w.WriteStartObject("avatarUrls");
            WriteNullableString(w, "small", u.NullAvatars ? null : baseUrl + "small?token=" + u.AvatarToken);
            WriteNullableString(w, "large", u.NullAvatars || !u.HasLargeAvatar ? null : baseUrl + "large?token=" + u.AvatarToken);
            w.WriteEndObject();
        }

        var p = u.Preferences;
        w.WriteStartObject("preferences");
        w.WriteString("language", p.Language);
        w.WriteString("defaultCountryCode", p.DefaultCountryCode);
        WriteNullableString(w, "defaultOutboundNumber", p.DefaultOutboundNumber);
        w.WriteString("colorMode", p.ColorMode);
        if (p.Webphone is { } wp)
        {
            w.WriteStartObject("webphone");
            w.WriteString("ringTone", wp.RingTone);
            w.WriteBoolean("ringDevice", wp.RingDevice);
            w.WriteStartObject("callWaiting");
            w.WriteBoolean("enabled", wp.CallWaitingEnabled);
            w.WriteBoolean("playWaitingTone", wp.PlayWaitingTone);
            w.WriteEndObject();
            w.WriteStartObject("mohConfig");
            w.WriteBoolean("enabled", wp.MohEnabled);
            w.WriteString("music", wp.MohMusic);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("webphone");
        }

        w.WriteEndObject();
        w.WriteString("role", u.Role);
        w.WriteString("locale", u.Locale);
        w.WriteStartObject("notifications");
        foreach (var n in u.Notifications)
        {
            w.WriteStartObject(n.Name);
            w.WriteBoolean("enabled", n.Enabled);
            w.WriteStartArray("channels");
            foreach (var c in n.Channels)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("insights");
        w.WriteBoolean("enabled", u.InsightsEnabled);
        w.WriteEndObject();
        if (u.Fixed is { } f)
        {
            w.WriteStartObject("fixed");
            w.WriteBoolean("enabled", f.Enabled);
            WriteNullableString(w, "tenantId", f.TenantId);
            WriteNullableString(w, "extension", f.Extension);
            WriteNullableString(w, "outboundNumber", f.OutboundNumber);
            w.WriteString("ringDevice", f.RingDevice);
            w.WriteEndObject();
        }

        WriteNullableString(w, "deviceId", u.DeviceId);
        if (u.HasTeamsField)
        {
            w.WriteStartObject("teams");
            w.WriteBoolean("enabled", true);
            w.WriteString("presenceSync", "BIDIRECTIONAL");
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}

internal sealed record ApiError(string Code, string Message, string Detail);

/// <summary>One page of the listing: the paging math in one place, shared by the writer and the faults.</summary>
internal sealed record UserPage(FakeConfig Config, int Page, int PerPage, bool IncludeAvatars, string Origin)
{
    public PageWindow Window => new(Config.Users, Page, PerPage);

    // Faithful to the real API: absolute, but without the /v1 prefix.
    public string Link(long page) =>
        $"{Origin}/users?page={page}&perPage={PerPage}" + (IncludeAvatars ? "&includeAvatars=true" : "");
}
