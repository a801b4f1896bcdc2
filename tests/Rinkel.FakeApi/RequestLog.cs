namespace Rinkel.FakeApi;

/// <summary>What GET /_fake/requests reports about one request. The API key's value is never kept.</summary>
internal sealed record RequestRecord(
    long Seq,
    string Method,
    string RawTarget,
    string Path,
    string Query,
    bool ApiKeyValid,
    bool HasApiKey,
    string? UserAgent,
    int Status,
    string? Fault,
    DateTimeOffset ReceivedAt,
    double ElapsedMs);

/// <summary>
/// The log of API requests. An entry is added when a request arrives and completed just before its
/// response headers leave (OnStarting), so a test that has seen the response also sees its entry.
/// Status 0 means no response was sent (a drop fault, or the client gave up first).
/// </summary>
internal sealed class RequestLog
{
    // A sandbox can run for days: keep the newest entries only.
    private const int Capacity = 20_000;

    private readonly object _gate = new();
    private readonly LinkedList<RequestRecord> _entries = new();
    private long _seq;

    public LinkedListNode<RequestRecord> Begin(RequestRecord record)
    {
        lock (_gate)
        {
            var node = _entries.AddLast(record with { Seq = ++_seq });
            if (_entries.Count > Capacity)
            {
                _entries.RemoveFirst();
            }

            return node;
        }
    }

    public void Update(LinkedListNode<RequestRecord> node, Func<RequestRecord, RequestRecord> change)
    {
        lock (_gate)
        {
            node.Value = change(node.Value);
        }
    }

    public List<RequestRecord> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
