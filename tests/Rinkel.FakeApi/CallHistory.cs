namespace Rinkel.FakeApi;

/// <summary>
/// The call history one running fake serves: the generated records (built once per tenant configuration and
/// cached) plus the calls inserted since, through /_fake/calls or the insert-while-listing switch. Records
/// inserted with a delay exist but stay invisible until then, like a record that appears a few seconds after
/// its call ended.
/// </summary>
internal sealed class CallHistory(DateTimeOffset startedAt)
{
    private readonly object _gate = new();
    private readonly List<(FakeCallRecord Record, DateTimeOffset VisibleAt)> _inserted = [];
    private (HistoryKey Key, FakeCallRecord[] Records, UserCache Users)? _generated;
    private (IReadOnlyList<FakeCallRecord> Records, string Key, List<FakeCallRecord> Matches)? _matches;

    /// <summary>When the generated history ends: config.CallsEndAt, else a minute before the server started.</summary>
    public DateTimeOffset EndOf(FakeConfig config) =>
        config.CallsEndAt is { } unix ? DateTimeOffset.FromUnixTimeSeconds(unix) : startedAt.AddMinutes(-1);

    /// <summary>Every record visible now, oldest first (ascending date, then index).</summary>
    public CallSnapshot Snapshot(FakeConfig config, DateTimeOffset now)
    {
        lock (_gate)
        {
            var (records, users) = Generated(config);
            var visible = _inserted.Where(i => i.VisibleAt <= now).Select(i => i.Record).ToList();
            if (visible.Count == 0)
            {
                return new CallSnapshot(records, users);
            }

            var all = new FakeCallRecord[records.Length + visible.Count];
            records.CopyTo(all, 0);
            visible.CopyTo(all, records.Length);
            return new CallSnapshot(all, users);
        }
    }

    /// <summary>Calls that just ended: dated now (and after every record so far), visible after <paramref name="visibleAfter"/>.</summary>
    public List<FakeCallRecord> Insert(FakeConfig config, int count, TimeSpan visibleAfter, DateTimeOffset now)
    {
        lock (_gate)
        {
            var (records, users) = Generated(config);
            var added = new List<FakeCallRecord>(count);
            var last = _inserted.Count > 0 ? _inserted[^1].Record.Date : records.Length > 0 ? records[^1].Date : DateTimeOffset.MinValue;
            for (var k = 0; k < count; k++)
            {
                var date = now > last ? now : last.AddMilliseconds(1);
                date = DateTimeOffset.FromUnixTimeMilliseconds(date.ToUnixTimeMilliseconds());
                var index = (long)config.CallRecords + _inserted.Count;
                var record = CallRecordGenerator.Create(config.Seed, index, date, config.Users, config.Odd, now, users);
                _inserted.Add((record, now + visibleAfter));
                added.Add(record);
                last = date;
            }

            return added;
        }
    }

    /// <summary>
    /// The matches of a query over a snapshot, remembered while the history stays the same (the same generated
    /// array, nothing inserted), so a 400-page listing filters and sorts once instead of 400 times.
    /// </summary>
    public List<FakeCallRecord> Matches(CallSnapshot snapshot, string key, Func<List<FakeCallRecord>> compute)
    {
        lock (_gate)
        {
            if (_matches is { } cached && ReferenceEquals(cached.Records, snapshot.Records) && cached.Key == key)
            {
                return cached.Matches;
            }
        }

        var matches = compute();
        lock (_gate)
        {
            _matches = (snapshot.Records, key, matches);
        }

        return matches;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _inserted.Clear();
        }
    }

    private (FakeCallRecord[] Records, UserCache Users) Generated(FakeConfig config)
    {
        var key = new HistoryKey(config.Seed, config.CallRecords, config.Users, config.Odd, EndOf(config));
        if (_generated is not { } cached || cached.Key != key)
        {
            // A new tenant shape makes earlier inserted calls meaningless (their users may not exist any more).
            _inserted.Clear();
            var users = new UserCache();
            cached = (key, CallRecordGenerator.Generate(key.Seed, key.Count, key.Users, key.Odd, key.End, users), users);
            _generated = cached;
        }

        return (cached.Records, cached.Users);
    }

    private sealed record HistoryKey(int Seed, int Count, int Users, bool Odd, DateTimeOffset End);
}

/// <summary>The records visible to one request, oldest first, and the users they refer to.</summary>
internal sealed record CallSnapshot(IReadOnlyList<FakeCallRecord> Records, UserCache Users);
