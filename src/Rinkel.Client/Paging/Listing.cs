using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Rinkel.Client
{
    /// <summary>
    /// Reads every item of one resource page by page, in API order, each exactly once. When the first page tells
    /// how many pages there are, the following ones are fetched concurrently within a bounded window (shrunk when
    /// the API throttles); without that, pages are read one after another until a short page. A listing that cannot
    /// be completed as the API described it ends in an exception after the items already returned, never short and
    /// quiet. Not thread-safe: one reader at a time.
    /// </summary>
    public sealed class Listing<T> : IDisposable where T : class
    {
        private readonly RinkelClient _client;
        private readonly RinkelResource<T> _resource;
        private readonly ListingOptions _options;
        private readonly IRinkelObserver _observer;
        private readonly string _queryTail;
        private readonly int _askedPerPage;
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private readonly object _gate = new object();
        // Guarded by _gate: pages are started both by the consumer and by pages arriving on pool threads.
        private readonly Queue<Task<PageResult>> _pending = new Queue<Task<PageResult>>();
        private int _inFlight;
        private bool _prefetching;
        private bool _stopped;
        private bool _filling;
        private readonly int _throttleBaseline;

        // Every id returned so far: a repeat is dropped wherever it comes from, not only from the adjacent page.
        // Ids only, packed (see IdSet), so memory grows by a few bytes per item, never by the items themselves.
        private readonly IdSet _seen = new IdSet();
        private readonly List<string> _problems = new List<string>();

        private long _pageSize;
        private bool _pageSizeProven = true;
        private long? _shortPage;
        private long _lastAllowedPage = long.MaxValue;
        private long _nextPageToStart;
        private long? _totalPages;
        private long? _firstTotalItems;
        private long? _lastTotalItems;
        private long? _changedTotalItems;
        private bool _started;
        private bool _done;
        private long _skipInFirstPage;
        private long? _remaining;
        private long _unique;
        private long _returned;
        private int _duplicatesDropped;
        private int _nullEntries;
        private HashSet<string>? _previousIds;
        private int _window;
        private int _throttlesSeen;
        private RinkelApiException? _failure;
        private ApiResponse? _lastResponse;

        internal Listing(RinkelClient client, RinkelResource<T> resource, ListingOptions options, IRinkelObserver observer)
        {
            if (options.Skip < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Skip, "Skip must not be negative.");
            if (options.First < 0) throw new ArgumentOutOfRangeException(nameof(options), options.First, "First must not be negative.");
            _client = client;
            _resource = resource;
            _options = options;
            _observer = observer;
            _askedPerPage = resource.MaxPageSize;
            _queryTail = QueryTail(options);
            _remaining = options.First;
            UsePageSize(_askedPerPage);
            _window = Math.Max(1, options.MaxConcurrentPages ?? client.Options.MaxConcurrentPages);
            _throttleBaseline = client.Gate.ThrottleCount;
        }

        /// <summary>The resource being listed.</summary>
        public RinkelResource<T> Resource => _resource;

        /// <summary>The API's total number of items, once the first page has told it (null without pagination meta).</summary>
        public long? TotalCount => _firstTotalItems;

        /// <summary>
        /// The next page of items in API order, or null at the end of the listing. Throws a
        /// <see cref="RinkelApiException"/> when the listing cannot go on, or after its last page when what it read
        /// does not add up to what the API described (items lost, null entries, pages emptier than announced).
        /// </summary>
        public async Task<IReadOnlyList<T>?> ReadNextPageAsync(CancellationToken cancellationToken)
        {
            if (_failure != null)
            {
                var failure = _failure;
                _failure = null;
                throw failure;
            }
            if (_done) return null;
            if (_remaining == 0) return Finish();

            using (cancellationToken.Register(s => ((CancellationTokenSource)s!).Cancel(), _cancellation))
            {
                PageResult result;
                try
                {
                    result = await NextResultAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }

                // A list that grew while it was read has pages the first one did not count: follow the newest count,
                // or the items pushed past the first page count would be lost without a trace.
                if (_totalPages.HasValue && PageCountOf(result) is long newest && newest > _totalPages)
                {
                    lock (_gate) _totalPages = newest;
                }
                // A short page ends a listing without a page count, unless the page size came from the meta alone:
                // then the next page must be empty to prove the meta right (a perPage that lies would otherwise end
                // the listing short and quiet).
                var unprovenEnd = !_totalPages.HasValue && !_pageSizeProven && result.RawCount > 0 && result.RawCount < _pageSize;
                var isLast = !unprovenEnd && (result.Page >= _lastAllowedPage
                    || (_totalPages is long pages ? result.Page >= pages : result.RawCount < _pageSize));
                if (isLast) StopPrefetching();
                else StartPrefetching();

                var items = Select(result);
                if (isLast || _remaining == 0)
                {
                    _done = true;
                    StopPrefetching();
                    CheckIntegrity();
                }
                return items;
            }
        }

        private static string QueryTail(ListingOptions options)
        {
            var query = new List<KeyValuePair<string, string>>();
            options.AddQuery(query);
            var sb = new StringBuilder();
            foreach (var parameter in query)
                sb.Append('&').Append(Uri.EscapeDataString(parameter.Key)).Append('=').Append(Uri.EscapeDataString(parameter.Value));
            return sb.ToString();
        }

        // Page numbers, the offset inside the first page and the last page -First needs all follow from the page size.
        private void UsePageSize(long size)
        {
            _pageSize = size;
            _nextPageToStart = _options.Skip / size + 1;
            _skipInFirstPage = _options.Skip % size;
            _lastAllowedPage = _options.First is long first && first > 0 ? (_options.Skip + first - 1) / size + 1 : long.MaxValue;
        }

        private async Task<PageResult> NextResultAsync()
        {
            if (!_started)
            {
                _started = true;
                return await StartAsync().ConfigureAwait(false);
            }
            Task<PageResult>? next = null;
            long page = 0;
            lock (_gate)
            {
                if (_pending.Count > 0) next = _pending.Dequeue();
                else page = _nextPageToStart++;
            }
            return await (next ?? FetchAsync(page)).ConfigureAwait(false);
        }

        /// <summary>
        /// Reads the first page needed and settles how the API pages: its page size (which may be smaller than asked)
        /// and, when its meta is complete and consistent, the page count that allows reading pages concurrently.
        /// </summary>
        private async Task<PageResult> StartAsync()
        {
            if (!_resource.Paged)
            {
                // The API answers the whole list at once (it does not page it): one request, and no page after it
                // to probe for.
                var whole = await FetchAsync(1).ConfigureAwait(false);
                _nextPageToStart = 2;
                _pageSizeProven = true;
                _totalPages = 1;
                _firstTotalItems = whole.Meta.TotalItems;
                return whole;
            }
            var fetched = new Dictionary<long, PageResult>();
            var first = await FetchAsync(_nextPageToStart).ConfigureAwait(false);
            fetched[first.Page] = first;
            // An empty first page of a listing that starts at page 1 is an empty list, whatever the page size.
            var size = PageSizeOf(first) ?? (first.Page == 1 && first.RawCount == 0 ? _askedPerPage : (long?)null);
            if (size == null)
            {
                // A short page without perPage: the list may end here, or the API pages by fewer than asked. Page 1
                // and the page after it tell which, so -Skip never lands on the wrong items.
                var one = first.Page == 1 ? first : await FetchAsync(1).ConfigureAwait(false);
                fetched[1] = one;
                size = PageSizeOf(one);
                if (size == null && one.RawCount == 0) size = _askedPerPage;
                if (size == null)
                {
                    var two = fetched.TryGetValue(2, out var known) ? known : await FetchAsync(2).ConfigureAwait(false);
                    fetched[2] = two;
                    size = two.RawCount == 0 ? _askedPerPage : one.RawCount;
                    if (two.RawCount > size)
                        throw ResponseReader.Invalid(two.Response, $"Page 2 held {two.RawCount} {_resource.PluralNoun} after page 1 held {one.RawCount}, fewer than the {_askedPerPage} asked for; the pages do not follow one page size.");
                }
            }
            if (size.Value != _pageSize) UsePageSize(size.Value);
            // What was asked for, or seen in full pages, is proven; a size only the meta gives is proven by a full page.
            _pageSizeProven = size.Value == _askedPerPage || first.Meta.PerPage != size.Value;

            var start = fetched.TryGetValue(_nextPageToStart, out var cached) ? cached : await FetchAsync(_nextPageToStart).ConfigureAwait(false);
            _nextPageToStart++;
            // Pages already read while settling the page size are used, not read again.
            while (fetched.TryGetValue(_nextPageToStart, out var next) && _nextPageToStart <= _lastAllowedPage)
            {
                _pending.Enqueue(Task.FromResult(next));
                _nextPageToStart++;
            }
            _totalPages = PageCountOf(start);
            _firstTotalItems = start.Meta.TotalItems;
            return start;
        }

        /// <summary>The API's page size as <paramref name="result"/> shows it, or null when a short page leaves it open.</summary>
        private long? PageSizeOf(PageResult result)
        {
            var meta = result.Meta;
            if (meta.PerPage is long perPage)
            {
                if (result.RawCount > perPage)
                    throw ResponseReader.Invalid(result.Response, $"Page {result.Page} held {result.RawCount} {_resource.PluralNoun} although its meta says {perPage} per page.");
                return perPage;
            }
            if (result.RawCount > _askedPerPage)
                throw ResponseReader.Invalid(result.Response, $"Page {result.Page} held {result.RawCount} {_resource.PluralNoun}, more than the {_askedPerPage} asked for.");
            if (result.RawCount == _askedPerPage) return _askedPerPage;
            // A short page the meta says more pages follow shows the API's own, smaller page size.
            if (meta.TotalPages is long following && result.Page < following && result.RawCount > 0) return result.RawCount;
            // A page the meta calls the last (or the only) one may be short.
            if (meta.TotalItems is long total && meta.TotalPages is long pages && result.Page >= pages && total <= (long)pages * _askedPerPage) return _askedPerPage;
            return null;
        }

        /// <summary>
        /// The page count, when the meta gives the total and it agrees with the page count it gives. Without a total
        /// the count alone is not trusted (a bare "totalPages: 0" must not end a listing after one page); a total
        /// and a count that contradict each other fail the listing.
        /// </summary>
        private long? PageCountOf(PageResult result)
        {
            if (!(result.Meta.TotalItems is long total)) return null;
            var pages = (total + _pageSize - 1) / _pageSize;
            if (result.Meta.TotalPages is long told && told != pages && !(total == 0 && told <= 1))
                throw ResponseReader.Invalid(result.Response,
                    $"The API's meta contradicts itself: {total} {_resource.PluralNoun} at {_pageSize} per page make {pages} page(s), but it says {told}.");
            return pages;
        }

        // With a known page count the window keeps up to its width of requests in flight, and a page that arrives
        // frees its slot at once (not when the consumer takes it), so the network never waits for the consumer;
        // arrived pages waiting for the consumer are capped at twice the width to keep memory flat. Without a page
        // count, the next page is requested as soon as a full page is read (one ahead), because only the page
        // before it can tell whether there is a next one.
        private void StartPrefetching()
        {
            lock (_gate)
            {
                _prefetching = true;
                FillWindow();
            }
        }

        // Called under _gate, by the consumer and by every page that arrives.
        private void FillWindow()
        {
            if (!_prefetching || _stopped || _filling) return;
            _filling = true;
            try
            {
                var lastPage = Math.Min(_totalPages ?? long.MaxValue, _lastAllowedPage);
                if (!_totalPages.HasValue)
                {
                    if (_pending.Count == 0 && _nextPageToStart <= lastPage) _pending.Enqueue(FetchAsync(_nextPageToStart++));
                    return;
                }
                var width = CurrentWindow();
                while (_inFlight < width && _pending.Count < 2 * width && _nextPageToStart <= lastPage)
                {
                    _inFlight++;
                    _pending.Enqueue(FetchInWindowAsync(_nextPageToStart++));
                }
            }
            finally
            {
                _filling = false;
            }
        }

        private async Task<PageResult> FetchInWindowAsync(long page)
        {
            var arrived = false;
            try
            {
                var result = await FetchAsync(page).ConfigureAwait(false);
                arrived = true;
                return result;
            }
            finally
            {
                lock (_gate)
                {
                    _inFlight--;
                    // After a failure nothing more is started: the consumer meets the failure in order and stops.
                    if (arrived) FillWindow();
                }
            }
        }

        private int CurrentWindow()
        {
            var throttles = _client.Gate.ThrottleCount - _throttleBaseline;
            if (throttles > _throttlesSeen)
            {
                _throttlesSeen = throttles;
                _window = Math.Max(1, _window / 2);
            }
            return _window;
        }

        private async Task<PageResult> FetchAsync(long page)
        {
            var query = _resource.Path + "?page=" + page.ToString(CultureInfo.InvariantCulture)
                + "&perPage=" + _askedPerPage.ToString(CultureInfo.InvariantCulture) + _queryTail;
            var response = await _client.SendAsync(query, _observer, _cancellation.Token).ConfigureAwait(false);
            var body = ResponseReader.ReadPage(response, _resource.PageType);
            return new PageResult(page, body.Data!, PageMeta.Read(body.Meta, response), response);
        }

        private List<T> Select(PageResult result)
        {
            _lastResponse = result.Response;
            CheckPage(result);
            if (!_totalPages.HasValue)
            {
                if (_shortPage is long shortPage && result.RawCount > 0)
                    throw ResponseReader.Invalid(result.Response,
                        $"Page {result.Page} held {result.RawCount} {_resource.PluralNoun} after page {shortPage} held fewer than the {_pageSize} per page the API gave; the pages contradict that page size.");
                if (result.RawCount < _pageSize) _shortPage = result.Page;
                else _pageSizeProven = true;
            }
            var selected = new List<T>(result.Items.Count);
            var repeats = 0;
            var repeatsOfPrevious = 0;
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in result.Items)
            {
                if (item == null)
                {
                    _nullEntries++;
                    continue;
                }
                var id = _resource.IdOf(item);
                if (id != null)
                {
                    ids.Add(id);
                    // An item inserted before the current position shifts the list between two requests, so an item
                    // of one page comes again on a later one. Dropping every repeat keeps "exactly once".
                    if (!_seen.Add(id))
                    {
                        repeats++;
                        if (_previousIds != null && _previousIds.Contains(id)) repeatsOfPrevious++;
                        continue;
                    }
                }
                selected.Add(item);
            }
            if (repeats > 0 && repeats == result.RawCount && result.RawCount == _pageSize)
                throw ResponseReader.Invalid(result.Response, repeatsOfPrevious == repeats
                    ? $"Page {result.Page} repeated the previous page; the API seems to ignore the page parameter, so the listing stopped instead of looping."
                    : $"Page {result.Page} repeated {_resource.PluralNoun} of earlier pages only, so the listing stopped instead of returning them twice.");
            _duplicatesDropped += repeats;
            _previousIds = ids;
            _unique += selected.Count;

            if (_skipInFirstPage > 0)
            {
                selected.RemoveRange(0, (int)Math.Min(_skipInFirstPage, selected.Count));
                _skipInFirstPage = 0;
            }
            if (_remaining is long remaining && selected.Count > remaining)
                selected.RemoveRange((int)remaining, selected.Count - (int)remaining);
            if (_remaining.HasValue) _remaining -= selected.Count;

            _returned += selected.Count;
            _observer.OnListingProgress(_returned, ExpectedCount());
            return selected;
        }

        // What one response says about itself must hold within it: a page before the last is full, the last holds
        // the rest, and the page size does not change halfway. A page that breaks this is read anyway (nothing
        // already fetched is thrown away), and the listing fails at its end.
        private void CheckPage(PageResult result)
        {
            var meta = result.Meta;
            if (meta.PerPage is long perPage && perPage != _pageSize)
                throw ResponseReader.Invalid(result.Response,
                    $"Page {result.Page} says {perPage} {_resource.PluralNoun} per page where the listing started with {_pageSize}; the pages cannot be followed.");
            if (result.RawCount > _pageSize)
                throw ResponseReader.Invalid(result.Response,
                    $"Page {result.Page} held {result.RawCount} {_resource.PluralNoun}, more than the page size of {_pageSize}.");
            if (meta.TotalItems is long total)
            {
                if (total != _firstTotalItems && !_changedTotalItems.HasValue) _changedTotalItems = total;
                _lastTotalItems = total;
                // Any page that disagrees counts, not only the last: a total that changed and changed back still
                // means the pages were not cut from one consistent list.
                var before = (result.Page - 1) * _pageSize;
                var expected = Math.Max(0, Math.Min(_pageSize, total - before));
                if (result.RawCount != expected)
                    _problems.Add(result.RawCount == 0
                        ? $"page {result.Page} was empty although the API counted {total} {_resource.PluralNoun} ({expected} on that page)"
                        : $"page {result.Page} held {result.RawCount} {Noun(result.RawCount)} where the API's count of {total} puts {expected}");
            }
        }

        private long? ExpectedCount()
        {
            if (!(_firstTotalItems is long total)) return null;
            var afterSkip = Math.Max(0, total - _options.Skip);
            return _options.First is long first ? Math.Min(first, afterSkip) : afterSkip;
        }

        // Items added or removed while the listing runs change what pages hold: that is said in a warning. What
        // cannot be explained that way (pages that contradict their own count, items lost while the count stayed the
        // same) fails the listing after the items already returned.
        private void CheckIntegrity()
        {
            var plural = _resource.PluralNoun;
            var totalChanged = _changedTotalItems.HasValue;
            var nulls = _nullEntries == 0 ? null
                : $"the API sent {_nullEntries} null {(_nullEntries == 1 ? "entry" : "entries")} in place of {plural}";
            var reasons = new List<string>();
            if (!totalChanged) reasons.AddRange(_problems);
            var expected = ExpectedCount();
            if (!totalChanged && reasons.Count == 0 && expected is long count && _returned != count)
                reasons.Add($"the API counted {_firstTotalItems} {plural} and kept that count, but the listing found {_returned}"
                    + (_options.Skip > 0 || _options.First.HasValue ? " of the " + count + " asked for" : string.Empty)
                    + (nulls != null ? " because " + nulls : string.Empty)
                    + (_duplicatesDropped > 0 ? $", after dropping {_duplicatesDropped} that came twice" : string.Empty));
            if (reasons.Count > 0)
            {
                _failure = ResponseReader.Invalid(_lastResponse!,
                    $"The listing of {plural} is incomplete: {string.Join("; ", reasons)}. The {_returned} {Noun(_returned)} returned before this error are not all of them; run the listing again.");
                return;
            }

            // Null entries the count does not miss (or that no count can check) are skipped, and said to be.
            if (nulls != null)
                _observer.OnWarning(Capitalized(nulls) + "; they were skipped.");
            if (_duplicatesDropped > 0)
                _observer.OnWarning($"{_duplicatesDropped} {Noun(_duplicatesDropped)} appeared on two pages because the list changed while it was read; each was returned once.");
            if (_options.First.HasValue || _options.Skip > 0 || !(_firstTotalItems is long first)) return;
            var finalTotal = _lastTotalItems ?? first;
            var change = finalTotal != first ? " and " + finalTotal + " at the end"
                : _changedTotalItems is long during ? " and " + during + " during it"
                : string.Empty;
            if (change.Length > 0)
                _observer.OnWarning(
                    $"The API reported {first} {Noun(first)} at the start of the listing{change}, but the listing returned {_unique}. {Capitalized(plural)} were probably added or removed while it ran; run it again for a consistent list.");
        }

        private string Noun(long n) => n == 1 ? _resource.Noun : _resource.PluralNoun;

        private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

        private IReadOnlyList<T>? Finish()
        {
            _done = true;
            StopPrefetching();
            return null;
        }

        private void StopPrefetching()
        {
            lock (_gate)
            {
                _stopped = true;
                if (_pending.Count == 0) return;
                _cancellation.Cancel();
                while (_pending.Count > 0) Observe(_pending.Dequeue());
            }
        }

        // A prefetched page nobody will read must not surface later as an unobserved task exception.
        private static void Observe(Task task) =>
            task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        public void Dispose()
        {
            _done = true;
            StopPrefetching();
            _cancellation.Dispose();
        }

        private sealed class PageResult
        {
            public PageResult(long page, List<T?> items, PageMeta meta, ApiResponse response)
            {
                Page = page;
                Items = items;
                Meta = meta;
                Response = response;
            }

            public long Page { get; }
            /// <summary>The page's entries as sent, nulls included (each is an item the API failed to send).</summary>
            public List<T?> Items { get; }
            public int RawCount => Items.Count;
            public PageMeta Meta { get; }
            public ApiResponse Response { get; }
        }
    }
}
