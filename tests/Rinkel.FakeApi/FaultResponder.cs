using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Rinkel.FakeApi;

/// <summary>Serves a fault instead of the API's answer (every kind but "delay", which only postpones it).</summary>
internal static class FaultResponder
{
    public static async Task RespondAsync(HttpContext context, FaultSpec fault, Func<ApiResponse> normal, CancellationToken cancel)
    {
        var response = context.Response;
        switch (fault.Kind)
        {
            case "drop":
                // No status line, no headers: the client sees the connection die.
                ApiPipeline.Abort(context);
                return;

            case "status":
                var status = fault.Status ?? 500;
                if (fault.RetryAfterSeconds is { } seconds)
                {
                    response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }
                else if (fault.RetryAfterDateSeconds is { } dateSeconds)
                {
                    response.Headers.RetryAfter = DateTimeOffset.UtcNow.AddSeconds(dateSeconds).ToString("R", CultureInfo.InvariantCulture);
                }

                if (fault.Body is not null)
                {
                    await WriteRawAsync(context, status, fault.ContentType ?? ApiJson.ContentType, Encoding.UTF8.GetBytes(fault.Body), cancel);
                }
                else
                {
                    var (code, message) = ErrorFor(status);
                    await ApiResponse.Error(status, code, message, $"Injected fault: HTTP {status}.").WriteAsync(context);
                }

                return;

            case "malformed":
                await MalformedAsync(context, fault, normal, cancel);
                return;

            default:
                throw new InvalidOperationException($"Fault kind '{fault.Kind}' has no responder.");
        }
    }

    private static async Task MalformedAsync(HttpContext context, FaultSpec fault, Func<ApiResponse> normal, CancellationToken cancel)
    {
        switch (fault.Variant)
        {
            case "invalid-json":
                await WriteRawAsync(context, 200, ApiJson.ContentType, "{\"data\":[{\"id\":<<garbage>>,,}"u8.ToArray(), cancel);
                break;

            case "truncated":
                // A complete HTTP response (correct Content-Length) whose JSON stops halfway.
                var full = normal().Render();
                await WriteRawAsync(context, 200, ApiJson.ContentType, full[..(full.Length / 2)], cancel);
                break;

            case "html":
                var status = fault.Status ?? 502;
                var reason = ReasonPhrases.GetReasonPhrase(status);
                var html = $"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
                await WriteRawAsync(context, status, "text/html", Encoding.UTF8.GetBytes(html), cancel);
                break;

            case "empty":
                await WriteRawAsync(context, 200, ApiJson.ContentType, [], cancel);
                break;

            case "wrong-content-type":
                await (normal() with { StatusCode = 200 }).WriteAsync(context, "text/plain; charset=utf-8");
                break;

            case "huge":
                await WriteHugeAsync(context, fault.SizeMb ?? 64, cancel);
                break;

            case "wrong-shape":
                var isSingle = ApiEndpoints.IsSingle(ApiEndpoints.Classify(context.Request.Path.Value ?? "").Route);
                await WriteRawAsync(context, 200, ApiJson.ContentType, isSingle ? "[]"u8.ToArray() : "{\"data\":{\"unexpected\":true}}"u8.ToArray(), cancel);
                break;

            default:
                throw new InvalidOperationException($"Malformed variant '{fault.Variant}' has no responder.");
        }
    }

    // Valid JSON, one user-like item whose firstName is sizeMb MB long, streamed without buffering and
    // without Content-Length, so only a client-side size limit can stop it early.
    private static async Task WriteHugeAsync(HttpContext context, int sizeMb, CancellationToken cancel)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = ApiJson.ContentType;
        var body = context.Response.Body;
        await body.WriteAsync("{\"data\":[{\"id\":\"000000000000000000000000\",\"firstName\":\""u8.ToArray(), cancel);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        var remaining = (long)sizeMb * 1024 * 1024;
        try
        {
            while (remaining > 0)
            {
                var n = (int)Math.Min(chunk.Length, remaining);
                await body.WriteAsync(chunk.AsMemory(0, n), cancel);
                remaining -= n;
            }

            await body.WriteAsync("\"}]}"u8.ToArray(), cancel);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException || context.RequestAborted.IsCancellationRequested)
        {
            // The client stopped reading (its size limit did its job).
            ApiPipeline.Abort(context);
        }
    }

    private static async Task WriteRawAsync(HttpContext context, int status, string contentType, byte[] body, CancellationToken cancel)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, cancel);
    }

    private static (string Code, string Message) ErrorFor(int status) => status switch
    {
        400 => ("BAD_REQUEST", "Bad Request"),
        401 => ("UNAUTHORIZED", "Unauthorized"),
        403 => ("FORBIDDEN", "Forbidden"),
        404 => ("NOT_FOUND", "Not Found"),
        429 => ("TOO_MANY_REQUESTS", "Too Many Requests"),
        500 => ("INTERNAL_SERVER_ERROR", "Internal Server Error"),
        502 => ("BAD_GATEWAY", "Bad Gateway"),
        503 => ("SERVICE_UNAVAILABLE", "Service Unavailable"),
        504 => ("GATEWAY_TIMEOUT", "Gateway Timeout"),
        _ => ("HTTP_" + status.ToString(CultureInfo.InvariantCulture), ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } r ? r : "Error"),
    };
}
