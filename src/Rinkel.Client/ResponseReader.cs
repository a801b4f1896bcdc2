using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Rinkel.Client.Json;

namespace Rinkel.Client
{
    /// <summary>Turns responses into models or into a <see cref="RinkelApiException"/> that says what went wrong.</summary>
    internal static class ResponseReader
    {
        public static T Read<T>(ApiResponse response, JsonTypeInfo<T> type)
        {
            EnsureJsonBody(response);
            try
            {
                var value = JsonSerializer.Deserialize(WithoutBom(response.Body).Span, type);
                if (value is null) throw Invalid(response, "The API returned JSON null instead of an object.");
                return value;
            }
            catch (JsonException ex)
            {
                throw Invalid(response, Describe(ex, response), ex);
            }
        }

        public static ListPage<T> ReadPage<T>(ApiResponse response, JsonTypeInfo<ListPage<T>> type) where T : class
        {
            var page = Read(response, type);
            if (page.Data is null) throw Invalid(response, "The API returned a listing without a \"data\" array.");
            return page;
        }

        /// <summary>A single resource arrives bare or wrapped in "data" depending on the endpoint's mood: accept both.</summary>
        public static T ReadSingle<T>(ApiResponse response, RinkelResource<T> resource) where T : class
        {
            EnsureJsonBody(response);
            try
            {
                using var document = JsonDocument.Parse(WithoutBom(response.Body), DocumentOptions);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                    throw Invalid(response, $"The API returned a JSON {Kind(root.ValueKind)} where {Article(resource.Noun)} object was expected.");
                var element = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data : root;
                var item = element.Deserialize(resource.ItemType);
                if (item is null || string.IsNullOrEmpty(resource.IdOf(item)))
                    throw Invalid(response, $"The API returned an object without an id where {Article(resource.Noun)} was expected.");
                return item;
            }
            catch (JsonException ex)
            {
                throw Invalid(response, Describe(ex, response), ex);
            }
        }

        private static string Article(string noun) => ("aeiou".IndexOf(char.ToLowerInvariant(noun[0])) >= 0 ? "an " : "a ") + noun;

        public static RinkelApiException ToException(ApiResponse response)
        {
            var status = (int)response.Status;
            var kind = status switch
            {
                401 => RinkelErrorKind.Authentication,
                403 => RinkelErrorKind.PermissionDenied,
                404 => RinkelErrorKind.NotFound,
                429 => RinkelErrorKind.RateLimited,
                _ when status >= 500 => RinkelErrorKind.ServerError,
                _ when status >= 300 && status < 400 => RinkelErrorKind.InvalidResponse,
                _ => RinkelErrorKind.InvalidRequest,
            };
            ApiErrorItem? item = null;
            if (LooksLikeJson(response.Body))
            {
                try
                {
                    var body = JsonSerializer.Deserialize(WithoutBom(response.Body).Span, WireContract.ErrorBody);
                    item = body?.Errors is { Count: > 0 } errors ? errors[0] : null;
                }
                catch (JsonException)
                {
                    // Not the documented error shape: the status alone has to speak.
                }
            }
            var explanation = response.GaveUpBecause;
            // A gateway's error page says more about where the failure is than the bare status does.
            if (item is null && IsHtml(response))
                explanation = "The body was an HTML page (often a proxy or gateway error page), not the API's JSON." + (explanation is null ? string.Empty : " " + explanation);
            if (status >= 300 && status < 400)
                explanation = "The API answered with a redirect, which is not followed because it would send the API key elsewhere.";
            return new RinkelApiException(kind, response.Method, response.Uri, status, response.Reason,
                Clean(item?.Code), Clean(item?.Message), Clean(item?.Detail), response.Attempts, explanation);
        }

        private static void EnsureJsonBody(ApiResponse response)
        {
            if (response.Body.Length == 0)
                throw Invalid(response, "The API returned an empty body where JSON was expected.");
            // A wrong Content-Type on a valid JSON body is harmless; an HTML page (a proxy's error page) is not JSON.
            if (!LooksLikeJson(response.Body))
            {
                var what = IsHtml(response)
                    ? "an HTML page (often a proxy or gateway error page)"
                    : $"a body that is not JSON (Content-Type '{response.MediaType ?? "none"}')";
                throw Invalid(response, $"The API returned {what} where JSON was expected.");
            }
        }

        private static bool IsHtml(ApiResponse response) =>
            response.Body.Length > 0 && !LooksLikeJson(response.Body) &&
            response.MediaType is string media && media.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0;

        // The readers below parse spans, which (unlike streams) do not skip a UTF-8 byte order mark; LooksLikeJson
        // accepts one, so it is dropped here rather than failing the parse at byte 0.
        private static ReadOnlyMemory<byte> WithoutBom(byte[] body) =>
            body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF
                ? new ReadOnlyMemory<byte>(body, 3, body.Length - 3)
                : new ReadOnlyMemory<byte>(body);

        // The same leniency as the serializer's options (RinkelJsonContext) for the single-item reader.
        private static readonly JsonDocumentOptions DocumentOptions = new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };

        private static bool LooksLikeJson(byte[] body)
        {
            var i = 0;
            if (body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF) i = 3;
            while (i < body.Length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) i++;
            return i < body.Length && (body[i] == '{' || body[i] == '[');
        }

        private static string Describe(JsonException ex, ApiResponse response) =>
            $"The API returned JSON that could not be read ({response.Body.Length} bytes; {FirstLine(ex.Message)}). The body may be truncated or of an unexpected shape.";

        private static string FirstLine(string text)
        {
            var end = text.IndexOfAny(new[] { '\r', '\n' });
            return (end < 0 ? text : text.Substring(0, end)).TrimEnd('.');
        }

        private static string Kind(JsonValueKind kind) => kind.ToString().ToLowerInvariant();

        private static RinkelApiException Invalid(ApiResponse response, string explanation, Exception? inner = null) =>
            new RinkelApiException(RinkelErrorKind.InvalidResponse, response.Method, response.Uri, (int)response.Status,
                response.Reason, null, null, null, response.Attempts, explanation, inner);

        // Messages from the server end up in the console; strip control characters so it cannot repaint the terminal.
        private static string? Clean(string? text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            var sb = new StringBuilder(Math.Min(text!.Length, 1024));
            foreach (var c in text)
            {
                if (sb.Length >= 1024) { sb.Append('…'); break; }
                sb.Append(char.IsControl(c) ? ' ' : c);
            }
            return sb.ToString().Trim();
        }
    }
}
