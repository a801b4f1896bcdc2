namespace Rinkel.FakeApi;

/// <summary>
/// One queued fault, exactly as POSTed to /_fake/faults (and echoed by GET /_fake/faults with the
/// remaining count in <see cref="Times"/>).
/// </summary>
internal sealed record FaultSpec
{
    public static readonly string[] Kinds = ["status", "delay", "drop", "malformed", "rewrite", "cut"];

    public static readonly string[] Variants =
        ["invalid-json", "truncated", "html", "empty", "wrong-content-type", "huge", "wrong-shape"];

    public string Kind { get; init; } = "";
    public string? Path { get; init; }
    public int? Page { get; init; }
    public int Times { get; init; } = 1;
    public int? Status { get; init; }
    public int? RetryAfterSeconds { get; init; }
    public int? RetryAfterDateSeconds { get; init; }
    public int? DelayMs { get; init; }
    public string? Variant { get; init; }
    public string? Body { get; init; }
    public string? ContentType { get; init; }
    public int? SizeMb { get; init; }

    /// <summary>For "status": Retry-After exactly as given ("0", "-5", "soon"), whatever it means.</summary>
    public string? RetryAfterRaw { get; init; }

    /// <summary>For "status": the reason phrase on the status line instead of the standard one.</summary>
    public string? ReasonPhrase { get; init; }

    /// <summary>For "status": the documented error body's message (and detail) instead of the standard text.</summary>
    public string? Message { get; init; }

    /// <summary>For "status": the error body's message and detail quote the x-rinkel-api-key the request carried.</summary>
    public bool EchoApiKey { get; init; }

    /// <summary>For "status": extra response headers (values are sent as Latin-1, so C1 controls go through).</summary>
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>
    /// The API carries the request out (a POST creates, a DELETE removes) before the fault is served: a write that
    /// succeeded although the client never heard, or heard only an error.
    /// </summary>
    public bool Commit { get; init; }

    // "rewrite": the normal answer, changed the way a misbehaving API would change it (FaultResponder.RewriteAsync).
    public int? ServePage { get; init; }
    public int? PageSize { get; init; }
    public int? NullEntries { get; init; }
    public bool? EmptyData { get; init; }
    public bool? NoMeta { get; init; }
    public string? Pagination { get; init; }
    public string? ItemId { get; init; }

    /// <summary>Rejected up front, so a typo in a test fails at the POST and not as a silent no-op.</summary>
    public string? Validate()
    {
        if (!Kinds.Contains(Kind))
        {
            return $"Unknown fault kind '{Kind}'; expected one of: {string.Join(", ", Kinds)}.";
        }

        if (Times < 1) return "times must be at least 1.";
        if (Page is < 1) return "page must be at least 1.";
        if (Path is not null && !Path.StartsWith('/')) return "path must start with '/' (e.g. /v1/users or /v1/users/*).";
        if (Status is < 100 or > 599) return "status must be 100..599.";
        if (RetryAfterSeconds is < 0 || RetryAfterDateSeconds is < 0) return "Retry-After seconds must not be negative.";
        if (Kind == "delay" && DelayMs is null or < 0) return "a delay fault needs delayMs >= 0.";
        if (Kind == "cut" && (Path is null || !Path.StartsWith("/audio/", StringComparison.Ordinal))) return "a cut fault needs a path under /audio/ (e.g. /audio/*).";
        if (Kind == "malformed" && !Variants.Contains(Variant)) return $"A malformed fault needs variant, one of: {string.Join(", ", Variants)}.";
        if (SizeMb is < 1 or > 4096) return "sizeMb must be 1..4096.";
        if ((RetryAfterRaw ?? ReasonPhrase ?? Message ?? (object?)Headers) is not null || EchoApiKey)
        {
            if (Kind != "status") return "retryAfterRaw, reasonPhrase, message, echoApiKey and headers apply to status faults.";
        }

        if (ReasonPhrase is not null && (ReasonPhrase.Contains('\r') || ReasonPhrase.Contains('\n'))) return "reasonPhrase must be one line.";

        if (ServePage is < 1) return "servePage must be at least 1.";
        if (PageSize is < 1 or > 50) return "pageSize must be 1..50 (what the API itself accepts).";
        if (NullEntries is < 0) return "nullEntries must not be negative.";
        if (Kind == "rewrite" && ServePage is null && PageSize is null && NullEntries is null && EmptyData is null && NoMeta is null && Pagination is null && ItemId is null)
        {
            return "A rewrite fault needs at least one of servePage, pageSize, nullEntries, emptyData, noMeta, pagination, itemId.";
        }

        if (Pagination is not null)
        {
            try
            {
                if (System.Text.Json.Nodes.JsonNode.Parse(Pagination) is not System.Text.Json.Nodes.JsonObject)
                {
                    return "pagination must be a JSON object, e.g. {\"perPage\":50.0}.";
                }
            }
            catch (System.Text.Json.JsonException)
            {
                return "pagination must be a JSON object, e.g. {\"perPage\":50.0}.";
            }
        }

        return null;
    }

    /// <param name="path">The request path.</param>
    /// <param name="listingPage">The requested page when the request is a listing with a valid page, else null.</param>
    public bool Matches(string path, int? listingPage)
    {
        if (Path is not null)
        {
            var matches = Path.EndsWith('*')
                ? path.StartsWith(Path.AsSpan(0, Path.Length - 1), StringComparison.Ordinal)
                : string.Equals(path, Path, StringComparison.Ordinal);
            if (!matches)
            {
                return false;
            }
        }

        return Page is null || Page == listingPage;
    }
}

/// <summary>The FIFO of one-shot faults. Requests from many threads take from it, so every access is locked.</summary>
internal sealed class FaultQueue
{
    private readonly object _gate = new();
    private readonly List<Pending> _pending = [];

    public void Add(IEnumerable<FaultSpec> faults)
    {
        lock (_gate)
        {
            foreach (var f in faults)
            {
                _pending.Add(new Pending(f, f.Times));
            }
        }
    }

    /// <summary>Takes one use of the first queued fault that fits the request, or returns null.</summary>
    public FaultSpec? TryTake(string path, int? listingPage)
    {
        lock (_gate)
        {
            for (var i = 0; i < _pending.Count; i++)
            {
                var p = _pending[i];
                if (!p.Spec.Matches(path, listingPage))
                {
                    continue;
                }

                if (--p.Remaining == 0)
                {
                    _pending.RemoveAt(i);
                }

                return p.Spec;
            }

            return null;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
        }
    }

    public List<FaultSpec> Snapshot()
    {
        lock (_gate)
        {
            return _pending.ConvertAll(p => p.Spec with { Times = p.Remaining });
        }
    }

    private sealed class Pending(FaultSpec spec, int remaining)
    {
        public FaultSpec Spec { get; } = spec;
        public int Remaining { get; set; } = remaining;
    }
}
