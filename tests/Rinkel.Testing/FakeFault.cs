namespace Rinkel.Testing;

/// <summary>
/// A one-shot fault for the fake to serve instead of (or before) its normal answer. Queued faults are
/// FIFO; each API request takes the first whose matcher (<see cref="Path"/>, <see cref="Page"/>) fits.
/// Combine factories with matchers: <c>FakeFault.Status(503) with { Path = "/v1/users/*", Times = 2 }</c>.
/// </summary>
/// <remarks>
/// The HTTP status member is <see cref="StatusCode"/> (sent as "status"): C# cannot have a property and
/// the <see cref="Status"/> factory share a name.
/// </remarks>
public sealed record FakeFault
{
    /// <summary>"status", "delay", "drop" or "malformed".</summary>
    public required string Kind { get; init; }

    /// <summary>Exact request path (e.g. /v1/users), or a prefix ending in '*'; null matches every /v1 request.</summary>
    public string? Path { get; init; }

    /// <summary>Only that page of the listing (page 1 when the request names none).</summary>
    public int? Page { get; init; }

    /// <summary>How many matching requests get this fault.</summary>
    public int Times { get; init; } = 1;

    [System.Text.Json.Serialization.JsonPropertyName("status")]
    public int? StatusCode { get; init; }

    /// <summary>Retry-After: N (seconds form).</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Retry-After as an HTTP date, now + N seconds.</summary>
    public int? RetryAfterDateSeconds { get; init; }

    public int? DelayMs { get; init; }

    /// <summary>For "malformed": one of <see cref="MalformedVariant"/>.</summary>
    public string? Variant { get; init; }

    /// <summary>For "status": a raw body instead of the documented error body.</summary>
    public string? Body { get; init; }

    /// <summary>With <see cref="Body"/>; default application/json; charset=utf-8.</summary>
    public string? ContentType { get; init; }

    /// <summary>For the "huge" variant; default 64.</summary>
    public int? SizeMb { get; init; }

    /// <summary>Answer <paramref name="status"/> with the documented error body.</summary>
    public static FakeFault Status(int status, string? path = null, int? page = null, int times = 1) =>
        new() { Kind = "status", StatusCode = status, Path = path, Page = page, Times = times };

    /// <summary>429, with Retry-After in seconds and/or HTTP-date form when given.</summary>
    public static FakeFault RateLimited(int? retryAfterSeconds = null, int? retryAfterDateSeconds = null, string? path = null, int? page = null, int times = 1) =>
        new()
        {
            Kind = "status", StatusCode = 429, RetryAfterSeconds = retryAfterSeconds, RetryAfterDateSeconds = retryAfterDateSeconds,
            Path = path, Page = page, Times = times,
        };

    /// <summary>Answer <paramref name="status"/> with exactly this body.</summary>
    public static FakeFault RawBody(int status, string body, string? contentType = null, string? path = null, int? page = null, int times = 1) =>
        new() { Kind = "status", StatusCode = status, Body = body, ContentType = contentType, Path = path, Page = page, Times = times };

    /// <summary>Wait, then answer normally (a client timeout shorter than this sees a timeout).</summary>
    public static FakeFault Delay(int ms, string? path = null, int? page = null, int times = 1) =>
        new() { Kind = "delay", DelayMs = ms, Path = path, Page = page, Times = times };

    /// <summary>Abort the connection without any response.</summary>
    public static FakeFault Drop(string? path = null, int? page = null, int times = 1) =>
        new() { Kind = "drop", Path = path, Page = page, Times = times };

    /// <summary>Audio only (a path under /audio/): the headers and half the body, then the connection drops.</summary>
    public static FakeFault Cut(string path = "/audio/*", int times = 1) =>
        new() { Kind = "cut", Path = path, Times = times };

    /// <summary>A broken 200 (or, for "html", a proxy error page with <paramref name="status"/>, default 502).</summary>
    public static FakeFault Malformed(string variant, int? status = null, int? sizeMb = null, string? path = null, int? page = null, int times = 1) =>
        new() { Kind = "malformed", Variant = variant, StatusCode = status, SizeMb = sizeMb, Path = path, Page = page, Times = times };
}

/// <summary>The variants of a "malformed" fault.</summary>
public static class MalformedVariant
{
    /// <summary>200 with <c>{"data":[{"id":</c> and garbage.</summary>
    public const string InvalidJson = "invalid-json";

    /// <summary>200 with the normal JSON cut in half (Content-Length matches what is sent).</summary>
    public const string Truncated = "truncated";

    /// <summary>A text/html proxy error page, status 502 unless given.</summary>
    public const string Html = "html";

    /// <summary>200 with an empty body.</summary>
    public const string Empty = "empty";

    /// <summary>200 with the normal JSON labelled text/plain.</summary>
    public const string WrongContentType = "wrong-content-type";

    /// <summary>200 with a valid JSON body of SizeMb MB (default 64), streamed without Content-Length.</summary>
    public const string Huge = "huge";

    /// <summary>200 with <c>{"data":{"unexpected":true}}</c> (listing) or <c>[]</c> (single user).</summary>
    public const string WrongShape = "wrong-shape";
}
