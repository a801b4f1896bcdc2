using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace Rinkel.FakeApi;

/// <summary>A response the API would give, not yet written, so faults can serve it cut short or mislabelled.</summary>
internal sealed record ApiResponse(int StatusCode, Action<Utf8JsonWriter> WriteBody)
{
    public static ApiResponse Error(int status, string code, string message, string detail) =>
        new(status, w => ApiJson.WriteErrors(w, [new ApiError(code, message, detail)]));

    public byte[] Render()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, ApiJson.WriterOptions))
        {
            WriteBody(w);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public async Task WriteAsync(HttpContext context, string contentType = ApiJson.ContentType)
    {
        context.Response.StatusCode = StatusCode;
        context.Response.ContentType = contentType;
        await using (var w = new Utf8JsonWriter(context.Response.BodyWriter, ApiJson.WriterOptions))
        {
            WriteBody(w);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}

internal enum ApiRoute
{
    Unknown,
    UserList,
    UserById,
    CallRecordList,
    CallRecordById,
    CallRecordByCallId,
    VoicemailList,
    VoicemailNewCount,
    NumberList,
    NumberById,
    RecordingList,
    RecordingById,
    AudioStream,
}

/// <summary>The /v1 resources: routing, the key check and validation, returning responses unwritten.</summary>
internal static class ApiEndpoints
{
    public const string ApiKeyHeader = "x-rinkel-api-key";

    public static (ApiRoute Route, string? Id) Classify(string path)
    {
        // Path is already percent-decoded by Kestrel except for %2F, so "..%2Fx" stays one segment.
        var segments = path.Split('/');
        if (segments is ["", "v1", "users"] or ["", "v1", "users", ""])
        {
            return (ApiRoute.UserList, null);
        }

        if (segments is ["", "v1", "users", { Length: > 0 }] or ["", "v1", "users", { Length: > 0 }, ""])
        {
            return (ApiRoute.UserById, segments[3]);
        }

        return segments switch
        {
            ["", "v1", "call-detail-records"] or ["", "v1", "call-detail-records", ""] => (ApiRoute.CallRecordList, null),
            ["", "v1", "call-detail-records", "by-call-id", { Length: > 0 } callId] => (ApiRoute.CallRecordByCallId, callId),
            ["", "v1", "call-detail-records", { Length: > 0 } recordId] when recordId != "by-call-id" => (ApiRoute.CallRecordById, recordId),
            ["", "v1", "voicemails"] or ["", "v1", "voicemails", ""] => (ApiRoute.VoicemailList, null),
            ["", "v1", "voicemails", "new-count"] => (ApiRoute.VoicemailNewCount, null),
            ["", "v1", "numbers"] or ["", "v1", "numbers", ""] => (ApiRoute.NumberList, null),
            ["", "v1", "numbers", { Length: > 0 } numberId] => (ApiRoute.NumberById, numberId),
            ["", "v1", "recordings"] or ["", "v1", "recordings", ""] => (ApiRoute.RecordingList, null),
            ["", "v1", "recordings", { Length: > 0 } recordingId] => (ApiRoute.RecordingById, recordingId),
            ["", "v1", "recordings" or "call-recordings" or "voicemails", { Length: > 0 } audioId, "stream"] => (ApiRoute.AudioStream, audioId),
            _ => (ApiRoute.Unknown, null),
        };
    }

    /// <summary>Whether a route answers a list envelope (every listing shares paging, faults and meta).</summary>
    public static bool IsListing(ApiRoute route) => route is ApiRoute.UserList or ApiRoute.CallRecordList or ApiRoute.VoicemailList
        or ApiRoute.NumberList or ApiRoute.RecordingList;

    /// <summary>Whether a route answers one resource (the wrong-shape fault then answers a JSON array).</summary>
    public static bool IsSingle(ApiRoute route) => route is ApiRoute.UserById or ApiRoute.CallRecordById or ApiRoute.CallRecordByCallId or ApiRoute.VoicemailNewCount
        or ApiRoute.NumberById or ApiRoute.RecordingById or ApiRoute.AudioStream;

    /// <summary>The requested page of a listing, for fault matching; null when not a valid listing page.</summary>
    public static int? ListingPage(HttpContext context)
    {
        if (!IsListing(Classify(context.Request.Path.Value ?? "").Route))
        {
            return null;
        }

        return TryReadInt(context.Request.Query, "page", 1, out var page) && page >= 1 ? page : null;
    }

    public static ApiResponse Handle(HttpContext context, FakeConfig config, string apiKey, CallHistory calls)
    {
        var request = context.Request;
        var key = request.Headers[ApiKeyHeader];
        if (key.Count == 0)
        {
            return Unauthorized("Missing x-rinkel-api-key header.");
        }

        if (key.Count != 1 || !string.Equals(key[0], apiKey, StringComparison.Ordinal))
        {
            return Unauthorized("Invalid API key.");
        }

        var path = request.Path.Value ?? "";
        var (route, id) = Classify(path);
        if (route == ApiRoute.Unknown)
        {
            return ApiResponse.Error(404, "ROUTE_NOT_FOUND", "Route not found", $"{request.Method} {path} does not exist.");
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            return ApiResponse.Error(405, "METHOD_NOT_ALLOWED", "Method not allowed", $"{request.Method} is not supported on {path}.");
        }

        var origin = $"{request.Scheme}://{request.Host}";
        if (MediaEndpoints.Handles(route))
        {
            return MediaEndpoints.Handle(context, route, id, config, calls, apiKey, origin);
        }

        if (route is not (ApiRoute.UserList or ApiRoute.UserById))
        {
            return CallEndpoints.Handle(context, route, id, config, calls, origin);
        }

        var errors = new List<ApiError>();
        if (!TryReadBool(request.Query, "includeAvatars", out var includeAvatars))
        {
            errors.Add(new ApiError("VALIDATION_ERROR", "includeAvatars must be a boolean", $"Got '{request.Query["includeAvatars"]}'."));
        }

        if (route == ApiRoute.UserById)
        {
            if (errors.Count > 0)
            {
                return new ApiResponse(400, w => ApiJson.WriteErrors(w, errors));
            }

            if (!UserIds.TryDecode(config.Seed, id, out var index) || index >= config.Users)
            {
                return ApiResponse.Error(404, "NOT_FOUND", "User was not found", $"No user with id '{id}'.");
            }

            var user = UserGenerator.Create(config.Seed, index, config.Odd);
            return new ApiResponse(200, w => ApiJson.WriteSingle(w, user, config.BareSingle, includeAvatars, origin));
        }

        ReadPaging(request.Query, errors, out var page, out var perPage);
        if (errors.Count > 0)
        {
            return new ApiResponse(400, w => ApiJson.WriteErrors(w, errors));
        }

        var listing = new UserPage(config, page, perPage, includeAvatars, origin);
        return new ApiResponse(200, w => ApiJson.WritePage(w, listing));
    }

    /// <summary>page (default 1, at least 1) and perPage (default 10, 1..50), as every listing validates them.</summary>
    public static void ReadPaging(IQueryCollection query, List<ApiError> errors, out int page, out int perPage)
    {
        if (!TryReadInt(query, "page", 1, out page) || page < 1)
        {
            errors.Add(new ApiError("VALIDATION_ERROR", "page must be an integer of at least 1", $"Got '{query["page"]}'."));
        }

        if (!TryReadInt(query, "perPage", 10, out perPage) || perPage is < 1 or > 50)
        {
            errors.Add(new ApiError("VALIDATION_ERROR", "perPage must be an integer between 1 and 50", $"Got '{query["perPage"]}'."));
        }
    }

    /// <summary>A strict boolean ("true" or "false"); absent is false; anything else adds a validation error.</summary>
    public static bool ReadBool(IQueryCollection query, string name, List<ApiError> errors)
    {
        if (TryReadBool(query, name, out var value)) return value;
        errors.Add(new ApiError("VALIDATION_ERROR", $"{name} must be a boolean", $"Got '{query[name]}'."));
        return false;
    }

    private static ApiResponse Unauthorized(string detail) =>
        ApiResponse.Error(401, "UNAUTHORIZED", "Unauthorized", detail);

    private static bool TryReadInt(IQueryCollection query, string name, int fallback, out int value)
    {
        value = fallback;
        if (!query.TryGetValue(name, out StringValues values))
        {
            return true;
        }

        return values.Count == 1
               && int.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryReadBool(IQueryCollection query, string name, out bool value)
    {
        value = false;
        if (!query.TryGetValue(name, out StringValues values))
        {
            return true;
        }

        return values.Count == 1 && bool.TryParse(values[0], out value);
    }
}
