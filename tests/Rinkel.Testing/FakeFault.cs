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
    /// <summary>"status", "delay", "drop", "malformed" or "rewrite".</summary>
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

    /// <summary>For "status": Retry-After exactly as given ("0", "-5", "soon").</summary>
    public string? RetryAfterRaw { get; init; }

    /// <summary>For "status": this reason phrase on the status line.</summary>
    public string? ReasonPhrase { get; init; }

    /// <summary>For "status": the error body's message and detail.</summary>
    public string? Message { get; init; }

    /// <summary>For "status": the error body quotes the API key the request carried (a careless server).</summary>
    public bool EchoApiKey { get; init; }

    /// <summary>For "status": extra response headers, sent as Latin-1.</summary>
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>
    /// True: the fake carries the request out (a POST creates, a DELETE removes) before serving the fault, so a
    /// <see cref="Drop"/> or <see cref="Delay"/> is a write that happened although the client never heard.
    /// </summary>
    public bool? Commit { get; init; }

    /// <summary>For "rewrite": answer with this page's content (and meta) instead of the one asked for.</summary>
    public int? ServePage { get; init; }

    /// <summary>For "rewrite": page by this many items whatever perPage asked (the API's own page size).</summary>
    public int? PageSize { get; init; }

    /// <summary>For "rewrite": replace this many entries of data, spread over the page, with null.</summary>
    public int? NullEntries { get; init; }

    /// <summary>For "rewrite": an empty data array, meta unchanged.</summary>
    public bool? EmptyData { get; init; }

    /// <summary>For "rewrite": no meta at all.</summary>
    public bool? NoMeta { get; init; }

    /// <summary>For "rewrite": a JSON object whose fields overwrite meta.pagination's, e.g. <c>{"perPage":50.0}</c>.</summary>
    public string? Pagination { get; init; }

    /// <summary>For "rewrite" on a single-item route: the id the returned item carries.</summary>
    public string? ItemId { get; init; }

    /// <summary>
    /// The normal answer of any listing or single-item route, changed as a misbehaving API would: set the
    /// rewrite members with <c>with { ... }</c>, e.g. <c>FakeFault.Rewrite(path: "/v1/users", page: 2) with { EmptyData = true }</c>.
    /// </summary>
    public static FakeFault Rewrite(string? path = null, int? page = null, int times = 1) =>
        new() { Kind = "rewrite", Path = path, Page = page, Times = times };

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
