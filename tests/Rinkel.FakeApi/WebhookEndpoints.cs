using System.Globalization;
using System.Text.Json;

namespace Rinkel.FakeApi;

/// <summary>
/// /v1/webhooks as the contract documents it: GET lists, POST /{event} registers (201, 409 when the event already
/// has one), PUT /{event} replaces (200), DELETE /{event} removes (204), POST /{event}/test asks for a test delivery
/// (204). URLs must be absolute https, events known, bodies JSON; every call is 403 when the plan lacks integrations.
/// </summary>
internal static class WebhookEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly string[] ContentTypes = ["application/json", "application/x-www-form-urlencoded"];

    public static bool Owns(string path) =>
        path == "/v1/webhooks" || path.StartsWith("/v1/webhooks/", StringComparison.Ordinal);

    /// <summary>Reads the request body (asynchronously, as Kestrel requires), then handles the request when called.</summary>
    public static async Task<Func<ApiResponse>> PrepareAsync(HttpContext context, FakeState state, CancellationToken cancel)
    {
        var body = Array.Empty<byte>();
        if (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, cancel)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBodyBytes) break;
            }

            body = buffer.ToArray();
        }

        return () => Handle(context, state, body);
    }

    private static ApiResponse Handle(HttpContext context, FakeState state, byte[] body)
    {
        var request = context.Request;
        var key = request.Headers[ApiEndpoints.ApiKeyHeader];
        if (key.Count == 0) return ApiResponse.Error(401, "UNAUTHORIZED", "Unauthorized", "Missing x-rinkel-api-key header.");
        if (key.Count != 1 || !string.Equals(key[0], state.Launch.ApiKey, StringComparison.Ordinal))
        {
            return ApiResponse.Error(401, "UNAUTHORIZED", "Unauthorized", "Invalid API key.");
        }

        var apiKey = key[0]!;
        var path = request.Path.Value ?? "";
        var segments = path.Split('/');
        var (ok, @event, isTest) = segments switch
        {
            ["", "v1", "webhooks"] or ["", "v1", "webhooks", ""] => (true, null, false),
            ["", "v1", "webhooks", { Length: > 0 } e] => (true, e, false),
            ["", "v1", "webhooks", { Length: > 0 } e, "test"] => (true, e, true),
            _ => (false, null, false),
        };
        if (!ok) return ApiResponse.Error(404, "ROUTE_NOT_FOUND", "Route not found", $"{request.Method} {path} does not exist.");

        var method = request.Method;
        var allowed = @event is null ? HttpMethods.IsGet(method)
            : isTest ? HttpMethods.IsPost(method)
            : HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);
        if (!allowed) return ApiResponse.Error(405, "METHOD_NOT_ALLOWED", "Method not allowed", $"{method} is not supported on {path}.");

        if (!state.Webhooks.Integrations)
        {
            return ApiResponse.Error(403, "FORBIDDEN", "Current plan does not include integrations", "Webhooks need a plan with integrations.");
        }

        if (@event is null) return List(request, state.Webhooks.List(apiKey));

        if (!WebhookStore.Events.Contains(@event, StringComparer.Ordinal))
        {
            return ApiResponse.Error(400, "VALIDATION_ERROR", "event must be one of " + string.Join(", ", WebhookStore.Events), $"Got '{@event}'.");
        }

        if (HttpMethods.IsDelete(method))
        {
            return state.Webhooks.TryRemove(apiKey, @event)
                ? new ApiResponse(204, _ => { })
                : NotFound(@event);
        }

        var problem = ReadBody(request, body, requireActive: !isTest, out var url, out var contentType, out var active, out var description);
        if (problem is not null) return problem;

        if (isTest)
        {
            state.Webhooks.AddTest(new FakeWebhookTest(@event, url, contentType, DateTimeOffset.UtcNow));
            return new ApiResponse(204, _ => { });
        }

        var webhook = new FakeWebhook(@event, url, contentType, active, description);
        if (HttpMethods.IsPost(method))
        {
            return state.Webhooks.TryAdd(apiKey, webhook)
                ? new ApiResponse(201, w => WriteSingle(w, webhook))
                : ApiResponse.Error(409, "ALREADY_EXISTS", "Webhook already exists", $"A webhook for {@event} already exists; update it with PUT.");
        }

        return state.Webhooks.TryReplace(apiKey, webhook)
            ? new ApiResponse(200, w => WriteSingle(w, webhook))
            : NotFound(@event);
    }

    private static ApiResponse NotFound(string @event) =>
        ApiResponse.Error(404, "NOT_FOUND", "Webhook was not found", $"No webhook for {@event}.");

    // The clients' GET /webhooks answers data[] only; page and perPage are honoured when sent, as on every listing.
    private static ApiResponse List(HttpRequest request, List<FakeWebhook> all)
    {
        var page = ReadInt(request.Query, "page", 1);
        var perPage = ReadInt(request.Query, "perPage", 10);
        if (page is null or < 1 || perPage is null or < 1 or > 50)
        {
            return ApiResponse.Error(400, "VALIDATION_ERROR", "page must be at least 1 and perPage 1..50", $"Got '{request.QueryString}'.");
        }

        var slice = all.Skip((page.Value - 1) * perPage.Value).Take(perPage.Value).ToList();
        return new ApiResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var webhook in slice) WriteWebhook(w, webhook);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static int? ReadInt(IQueryCollection query, string name, int fallback)
    {
        if (!query.TryGetValue(name, out var values)) return fallback;
        return values.Count == 1 && int.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static ApiResponse? ReadBody(HttpRequest request, byte[] body, bool requireActive,
        out string url, out string contentType, out bool active, out string? description)
    {
        url = contentType = "";
        active = true;
        description = null;
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return ApiResponse.Error(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type", $"Send application/json, not '{request.ContentType}'.");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return ApiResponse.Error(400, "BAD_REQUEST", "The body is not valid JSON", e.Message);
        }

        var errors = new List<ApiError>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ApiResponse.Error(400, "BAD_REQUEST", "The body must be a JSON object", $"Got a JSON {root.ValueKind}.");
        }

        if (!root.TryGetProperty("url", out var u) || u.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(u.GetString(), UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add(new ApiError("VALIDATION_ERROR", "url must be an https URL", $"Got {(root.TryGetProperty("url", out var raw) ? raw.GetRawText() : "nothing")}."));
        }
        else
        {
            url = u.GetString()!;
        }

        if (!root.TryGetProperty("contentType", out var c) || c.ValueKind != JsonValueKind.String || !ContentTypes.Contains(c.GetString()))
        {
            errors.Add(new ApiError("VALIDATION_ERROR", "contentType must be one of " + string.Join(", ", ContentTypes), "Got another value or none."));
        }
        else
        {
            contentType = c.GetString()!;
        }

        if (requireActive)
        {
            if (!root.TryGetProperty("active", out var a) || a.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add(new ApiError("VALIDATION_ERROR", "active must be a boolean", "Got another value or none."));
            }
            else
            {
                active = a.GetBoolean();
            }

            if (root.TryGetProperty("description", out var d))
            {
                if (d.ValueKind == JsonValueKind.String) description = d.GetString();
                else if (d.ValueKind != JsonValueKind.Null) errors.Add(new ApiError("VALIDATION_ERROR", "description must be a string", $"Got a JSON {d.ValueKind}."));
            }
        }

        return errors.Count > 0 ? new ApiResponse(400, w => ApiJson.WriteErrors(w, errors)) : null;
    }

    private static void WriteSingle(Utf8JsonWriter w, FakeWebhook webhook)
    {
        w.WriteStartObject();
        w.WritePropertyName("data");
        WriteWebhook(w, webhook);
        w.WriteEndObject();
    }

    private static void WriteWebhook(Utf8JsonWriter w, FakeWebhook webhook)
    {
        w.WriteStartObject();
        w.WriteString("url", webhook.Url);
        w.WriteString("contentType", webhook.ContentType);
        w.WriteString("event", webhook.Event);
        w.WriteBoolean("active", webhook.Active);
        if (webhook.Description is null) w.WriteNull("description");
        else w.WriteString("description", webhook.Description);
        w.WriteEndObject();
    }
}
