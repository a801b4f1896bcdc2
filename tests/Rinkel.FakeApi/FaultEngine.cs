namespace Rinkel.FakeApi;

/// <summary>
/// One queued fault, exactly as POSTed to /_fake/faults (and echoed by GET /_fake/faults with the
/// remaining count in <see cref="Times"/>).
/// </summary>
internal sealed record FaultSpec
{
    public static readonly string[] Kinds = ["status", "delay", "drop", "malformed", "cut"];

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
