using System.Globalization;
using System.Text.Json;

namespace Rinkel.FakeApi;

/// <summary>Writes call records (and so voicemails, which are call records) as the API does.</summary>
internal static class CallRecordJson
{
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <param name="details">Notes and insights: always on listings, only with includeDetails=true on by-call-id.</param>
    public static void Write(Utf8JsonWriter w, FakeCallRecord r, CallSnapshot snapshot, FakeConfig config, string origin, bool contactLookup, bool details)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("callId", r.CallId);
        w.WriteString("date", Timestamp(r.Date));
        w.WriteString("direction", r.Direction);

        w.WriteStartObject("externalNumber");
        w.WriteBoolean("anonymous", r.External.Anonymous);
        ListingEnvelope.WriteNullable(w, "localized", r.External.Localized);
        ListingEnvelope.WriteNullable(w, "e164", r.External.E164);
        w.WriteBoolean("isOnClientBlacklist", r.External.OnClientBlacklist);
        w.WriteBoolean("isOnGlobalBlacklist", r.External.OnGlobalBlacklist);
        w.WriteEndObject();

        w.WriteStartObject("internalNumber");
        // A number the tenant no longer has keeps its digits in old records but loses its id.
        ListingEnvelope.WriteNullable(w, "id", r.Internal.Active ? r.Internal.Id : null);
        ListingEnvelope.WriteNullable(w, "label", r.Internal.Label);
        w.WriteString("number", r.Internal.E164);
        w.WriteString("localizedNumber", r.Internal.Localized);
        w.WriteEndObject();

        w.WriteNumber("duration", r.DurationSeconds);
        w.WriteString("status", r.Status);
        ListingEnvelope.WriteNullable(w, "missedReason", r.MissedReason);
        ListingEnvelope.WriteNullable(w, "menuOption", r.MenuOption);

        if (r.UserIndex is { } userIndex)
        {
            WriteShortUser(w, snapshot.Users.Get(config.Seed, userIndex, config.Odd), origin);
        }
        else
        {
            w.WriteNull("user");
        }

        if (r.Contact is { } contact && contactLookup)
        {
            WriteContact(w, contact);
        }
        else
        {
            w.WriteNull("contact");
        }

        if (r.Voicemail is { } voicemail)
        {
            w.WriteStartObject("voicemail");
            w.WriteString("id", voicemail.Id);
            w.WriteBoolean("new", voicemail.New);
            w.WriteNumber("duration", voicemail.DurationSeconds);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("voicemail");
        }

        if (r.Recording is { } recording)
        {
            w.WriteStartObject("callRecording");
            w.WriteString("id", recording.Id);
            w.WriteString("availableUntil", Timestamp(recording.AvailableUntil));
            // Like every URL the API returns: absolute, without /v1, carrying its own token.
            w.WriteString("playUrl", $"{origin}/audio/call-recording/{recording.Id}?token={recording.Token}");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("callRecording");
        }

        if (details)
        {
            w.WriteStartArray("notes");
            foreach (var note in r.Notes)
            {
                w.WriteStartObject();
                w.WriteString("id", note.Id);
                w.WriteString("content", note.Content);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (r.Insights is { } insights)
            {
                w.WriteStartObject("insights");
                w.WriteString("summary", insights.Summary);
                w.WriteString("sentiment", insights.Sentiment);
                w.WriteStartArray("topics");
                foreach (var topic in insights.Topics)
                {
                    w.WriteStringValue(topic);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("insights");
            }
        }

        w.WriteEndObject();
    }

    /// <summary>Inside a call record the role is camelCase ("admin", "answeringService"), unlike /users ("ADMIN").</summary>
    public static string ShortRole(string role) => role switch
    {
        "ADMIN" => "admin",
        "USER" => "user",
        "ANSWERINGSERVICE" => "answeringService",
        _ => role.ToLowerInvariant(),
    };

    private static void WriteShortUser(Utf8JsonWriter w, FakeUser u, string origin)
    {
        w.WriteStartObject("user");
        w.WriteString("id", u.Id);
        w.WriteString("initials", u.Initials);
        w.WriteString("firstName", u.FirstName);
        w.WriteString("lastName", u.LastName);
        w.WriteString("fullName", u.FullName);
        if (u.Phone is { } phone)
        {
            ApiJson.WritePhoneNumber(w, phone);
        }
        else
        {
            w.WriteNull("phoneNumber");
        }

        w.WriteString("role", ShortRole(u.Role));
        w.WriteString("availability", u.Availability);
        var baseUrl = origin + "/users/" + u.Id + "/avatar/";
        w.WriteStartObject("avatarUrls");
        ListingEnvelope.WriteNullable(w, "small", u.NullAvatars ? null : baseUrl + "small?token=" + u.AvatarToken);
        ListingEnvelope.WriteNullable(w, "large", u.NullAvatars || !u.HasLargeAvatar ? null : baseUrl + "large?token=" + u.AvatarToken);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteContact(Utf8JsonWriter w, FakeContact c)
    {
        w.WriteStartObject("contact");
        w.WriteString("id", c.Id);
        w.WriteString("firstName", c.FirstName);
        w.WriteString("lastName", c.LastName);
        w.WriteString("initials", c.Initials);
        w.WriteString("fullName", c.FullName);
        ListingEnvelope.WriteNullable(w, "companyName", c.CompanyName);
        w.WriteStartArray("numbers");
        w.WriteStartObject();
        w.WriteString("label", c.Label);
        w.WriteString("e164", c.E164);
        w.WriteString("countryIsoCode", c.CountryIsoCode);
        w.WriteNumber("countryCallingCode", c.CountryCallingCode);
        w.WriteString("number", c.E164[(1 + c.CountryCallingCode.ToString(CultureInfo.InvariantCulture).Length)..]);
        w.WriteString("localized", TenantNumbers.Localize(c.E164));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteBoolean("favorite", c.Favorite);
        w.WriteBoolean("shared", c.Shared);
        w.WriteNull("sharedByUser");
        w.WriteNull("defaultOutboundNumberId");
        ListingEnvelope.WriteNullable(w, "tag", c.Tag);
        ListingEnvelope.WriteNullable(w, "email", c.Email);
        w.WriteStartObject("avatarUrls");
        w.WriteNull("small");
        w.WriteNull("large");
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
