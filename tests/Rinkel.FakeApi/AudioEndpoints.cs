using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Rinkel.FakeApi;

/// <summary>
/// The audio host: GET /audio/{type}/{id}?token=...&amp;download=bool, outside /v1 and without the API key, as the
/// contract describes. Tokens are JWT-shaped (HS256 over type, id and expiry, keyed by the tenant), so they can be
/// checked without state; an expired or wrong token is a 401. Serves audio/mpeg of known bytes and honours Range.
/// The "cut" fault sends the headers and half the body, then drops the connection.
/// </summary>
internal static class AudioEndpoints
{
    public const string Prefix = "/audio/";
    private static readonly string[] Types = ["recording", "call-recording", "voicemail", "music"];

    public static bool IsAudioPath(string path) => path.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>"/v1/call-recordings/{id}/stream" → ("call-recording", id).</summary>
    public static (string Type, string? Id) ParseStreamPath(string path)
    {
        var segments = path.Split('/');
        if (segments is not ["", "v1", var collection, { Length: > 0 } id, "stream"]) return ("", null);
        return (collection switch { "recordings" => "recording", "call-recordings" => "call-recording", "voicemails" => "voicemail", _ => "" }, id);
    }

    /// <summary>The length of the audio with this type and id, or null when there is none.</summary>
    public static int? Find(FakeConfig config, CallHistory calls, string type, string? id)
    {
        if (id is null) return null;
        switch (type)
        {
            case "recording":
                return RecordingCatalog.Find(config, id) is { } recording ? FakeAudio.LengthFor(recording.DurationSeconds, config.AudioBytes) : null;
            case "call-recording":
            case "voicemail":
                foreach (var record in calls.Snapshot(config, DateTimeOffset.UtcNow).Records)
                {
                    if (type == "call-recording" && record.Recording?.Id == id) return FakeAudio.LengthFor(record.DurationSeconds, config.AudioBytes);
                    if (type == "voicemail" && record.Voicemail?.Id == id) return FakeAudio.LengthFor(record.Voicemail.DurationSeconds, config.AudioBytes);
                }

                return null;
            default:
                return null;
        }
    }

    public static string IssueUrl(string origin, FakeConfig config, string apiKey, string type, string id)
    {
        var expires = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + config.AudioTokenSeconds;
        var header = Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8.ToArray());
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["typ"] = type, ["sub"] = id, ["exp"] = expires }));
        var token = header + "." + payload + "." + Sign(config, apiKey, header + "." + payload);
        return $"{origin}/audio/{type}/{id}?token={token}";
    }

    public static async Task ServeAsync(HttpContext context, FakeState state, FaultSpec? fault, CancellationToken cancel)
    {
        var config = state.Config;
        var request = context.Request;
        var segments = (request.Path.Value ?? "").Split('/');
        if (segments is not ["", "audio", var type, { Length: > 0 } id] || !Types.Contains(type))
        {
            await ApiResponse.Error(404, "ROUTE_NOT_FOUND", "Route not found", $"{request.Method} {request.Path} does not exist.").WriteAsync(context);
            return;
        }

        var problem = CheckToken(config, state.Launch.ApiKey, type, id, request.Query["token"].ToString());
        if (problem is not null)
        {
            await ApiResponse.Error(401, "UNAUTHORIZED", "Unauthorized", problem).WriteAsync(context);
            return;
        }

        if (Find(config, state.Calls, type, id) is not { } length)
        {
            await ApiResponse.Error(404, "NOT_FOUND", "Audio not found", $"No {type} audio with id '{id}'.").WriteAsync(context);
            return;
        }

        var bytes = FakeAudio.Create(type, id, length);
        var response = context.Response;
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = "audio/mpeg";
        if (string.Equals(request.Query["download"], "true", StringComparison.OrdinalIgnoreCase))
        {
            response.Headers.ContentDisposition = $"attachment; filename=\"{id}.mp3\"";
        }

        var start = 0;
        var end = bytes.Length - 1;
        var range = request.Headers.Range.ToString();
        if (range.Length > 0)
        {
            if (!TryParseRange(range, bytes.Length, out start, out end))
            {
                response.StatusCode = 416;
                response.Headers.ContentRange = $"bytes */{bytes.Length}";
                return;
            }

            response.StatusCode = 206;
            response.Headers.ContentRange = $"bytes {start}-{end}/{bytes.Length}";
        }
        else
        {
            response.StatusCode = 200;
        }

        var count = end - start + 1;
        response.ContentLength = count;
        var cut = fault?.Kind == "cut";
        var send = cut ? count / 2 : count;
        try
        {
            // In chunks, so a client that stops reading is noticed and a cut lands mid-body on the wire.
            for (var offset = 0; offset < send; offset += 16_384)
            {
                await response.Body.WriteAsync(bytes.AsMemory(start + offset, Math.Min(16_384, send - offset)), cancel);
                await response.Body.FlushAsync(cancel);
                if (config.AudioBytesPerSecond is { } rate)
                {
                    await Task.Delay(TimeSpan.FromSeconds(16_384.0 / rate), cancel);
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            ApiPipeline.Abort(context);
            return;
        }

        if (cut)
        {
            // Let the client read what was sent before the reset, which would otherwise discard it unread.
            await Task.Delay(300, cancel);
            ApiPipeline.Abort(context);
        }
    }

    private static string? CheckToken(FakeConfig config, string apiKey, string type, string id, string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return "The audio token is missing or malformed.";
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(parts[2]), Encoding.ASCII.GetBytes(Sign(config, apiKey, parts[0] + "." + parts[1]))))
            return "The audio token is invalid.";
        try
        {
            using var payload = JsonDocument.Parse(Base64UrlDecode(parts[1]));
            var root = payload.RootElement;
            if (root.GetProperty("typ").GetString() != type || root.GetProperty("sub").GetString() != id)
                return "The audio token is for other audio.";
            return root.GetProperty("exp").GetInt64() <= DateTimeOffset.UtcNow.ToUnixTimeSeconds() ? "The audio token has expired." : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "The audio token is malformed.";
        }
    }

    private static bool TryParseRange(string header, int length, out int start, out int end)
    {
        start = 0;
        end = length - 1;
        if (!header.StartsWith("bytes=", StringComparison.Ordinal) || header.Contains(',')) return false;
        var spec = header[6..].Split('-');
        if (spec.Length != 2) return false;
        if (spec[0].Length == 0)
        {
            // bytes=-N: the last N bytes.
            if (!int.TryParse(spec[1], NumberStyles.None, CultureInfo.InvariantCulture, out var suffix) || suffix == 0) return false;
            start = Math.Max(0, length - suffix);
            return true;
        }

        if (!int.TryParse(spec[0], NumberStyles.None, CultureInfo.InvariantCulture, out start) || start >= length) return false;
        if (spec[1].Length > 0)
        {
            if (!int.TryParse(spec[1], NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start) return false;
            end = Math.Min(end, length - 1);
        }

        return true;
    }

    private static string Sign(FakeConfig config, string apiKey, string data)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes("audio:" + config.Seed.ToString(CultureInfo.InvariantCulture) + ":" + apiKey));
        return Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(data)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
    }
}
