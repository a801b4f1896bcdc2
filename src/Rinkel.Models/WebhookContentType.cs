using System;

namespace Rinkel
{
    /// <summary>How Rinkel encodes the event it delivers.</summary>
    public enum WebhookContentType
    {
        /// <summary><c>application/json</c>.</summary>
        Json,

        /// <summary><c>application/x-www-form-urlencoded</c>.</summary>
        Form,
    }

    /// <summary>Between <see cref="WebhookContentType"/> and the media type the API sends and expects.</summary>
    public static class WebhookContentTypes
    {
        public const string JsonMediaType = "application/json";
        public const string FormMediaType = "application/x-www-form-urlencoded";

        public static string ToMediaType(WebhookContentType type) => type == WebhookContentType.Form ? FormMediaType : JsonMediaType;

        /// <summary>The enum value of a media type the API sent (parameters and case ignored), or null when unknown.</summary>
        public static WebhookContentType? FromMediaType(string? mediaType)
        {
            if (mediaType is null) return null;
            var bare = mediaType.Split(';')[0].Trim();
            if (string.Equals(bare, JsonMediaType, StringComparison.OrdinalIgnoreCase)) return WebhookContentType.Json;
            if (string.Equals(bare, FormMediaType, StringComparison.OrdinalIgnoreCase)) return WebhookContentType.Form;
            return null;
        }
    }
}
