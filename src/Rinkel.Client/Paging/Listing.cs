using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Rinkel.Client.Json;

namespace Rinkel.Client
{
    /// <summary>
    /// Reads every item of one resource page by page, in API order. When the first page tells how many pages there
    /// are, the following ones are fetched concurrently within a bounded window (shrunk when the API throttles);
    /// without that, pages are read one after another until a short page. Not thread-safe: one reader at a time.
    /// </summary>
    public sealed class Listing<T> : IDisposable where T : class
    {
        private readonly RinkelClient _client;
        private readonly RinkelResource<T> _resource;
        private readonly ListingOptions _options;
        private readonly IRinkelObserver _observer;
        private readonly string _queryTail;
        private readonly int _perPage;
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private readonly Queue<Task<PageResult>> _pending = new Queue<Task<PageResult>>();
        private readonly long _lastAllowedPage;
        private readonly int _throttleBaseline;

        private long _nextPageToStart;
        private long? _totalPages;
        private long? _firstTotalItems;
        private long? _lastTotalItems;
        private long? _changedTotalItems;
        private bool _started;
        private bool _done;
        private int _skipInFirstPage;
        private long? _remaining;
        private long _readFromApi;
        private long _returned;
        private int _duplicatesDropped;
        private HashSet<string>? _previousIds;
        private int _window;
        private int _throttlesSeen;

        internal Listing(RinkelClient client, RinkelResource<T> resource, ListingOptions options, IRinkelObserver observer)
        {
            if (options.Skip < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Skip, "Skip must not be negative.");
            if (options.First < 0) throw new ArgumentOutOfRangeException(nameof(options), options.First, "First must not be negative.");
            _client = client;
            _resource = resource;
            _options = options;
            _observer = observer;
            _perPage = resource.MaxPageSize;
            _queryTail = QueryTail(options);
            _nextPageToStart = options.Skip / _perPage + 1;
            _skipInFirstPage = (int)(options.Skip % _perPage);
            _remaining = options.First;
            _lastAllowedPage = options.First is long first && first > 0
                ? (options.Skip + first - 1) / _perPage + 1
                : long.MaxValue;
            _window = Math.Max(1, options.MaxConcurrentPages ?? client.Options.MaxConcurrentPages);
            _throttleBaseline = client.Gate.ThrottleCount;
        }

        /// <summary>The resource being listed.</summary>
        public RinkelResource<T> Resource => _resource;

        /// <summary>The API's total number of items, once the first page has told it (null without pagination meta).</summary>
        public long? TotalCount => _firstTotalItems;

        /// <summary>The next page of items in API order, or null at the end of the listing.</summary>
        public async Task<IReadOnlyList<T>?> ReadNextPageAsync(CancellationToken cancellationToken)
        {
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
                if (result.TotalPages > _totalPages) _totalPages = result.TotalPages;
                var isLast = result.Items.Count == 0
                    || result.Page >= _lastAllowedPage
                    || (_totalPages is long pages ? result.Page >= pages : result.Items.Count < _perPage);
                if (isLast) StopPrefetching();
                else StartPrefetching();

                var items = Select(result);
                if (isLast || _remaining == 0)
                {
                    _done = true;
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

        private async Task<PageResult> NextResultAsync()
        {
            if (!_started)
            {
                _started = true;
                var first = await FetchAsync(_nextPageToStart++).ConfigureAwait(false);
                _totalPages = first.TotalPages;
                _firstTotalItems = first.TotalItems;
                return first;
            }
            if (_pending.Count > 0) return await _pending.Dequeue().ConfigureAwait(false);
            return await FetchAsync(_nextPageToStart++).ConfigureAwait(false);
        }

        // With a known page count the window fills up to its width; without one, the next page is requested as soon
        // as a full page arrives (one in flight), so a sequential listing still overlaps the network with the consumer.
        private void StartPrefetching()
        {
            var width = _totalPages.HasValue ? CurrentWindow() : 1;
            var lastPage = Math.Min(_totalPages ?? long.MaxValue, _lastAllowedPage);
            while (_pending.Count < width && _nextPageToStart <= lastPage)
                _pending.Enqueue(FetchAsync(_nextPageToStart++));
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
                + "&perPage=" + _perPage.ToString(CultureInfo.InvariantCulture) + _queryTail;
            var response = await _client.SendAsync(query, _observer, _cancellation.Token).ConfigureAwait(false);
            var body = ResponseReader.ReadPage(response, _resource.PageType);
            var pagination = body.Meta?.Pagination;
            var items = new List<T>(body.Data!.Count);
            foreach (var item in body.Data) if (item != null) items.Add(item);
            return new PageResult(page, items, pagination?.TotalItems, pagination?.TotalPages, response);
        }

        private List<T> Select(PageResult result)
        {
            var items = result.Items;
            _readFromApi += items.Count;
            if (result.TotalItems.HasValue)
            {
                _lastTotalItems = result.TotalItems;
                // Any page that disagrees counts, not only the last: a total that changed and changed back still
                // means the pages were not cut from one consistent list.
                if (result.TotalItems != _firstTotalItems && !_changedTotalItems.HasValue) _changedTotalItems = result.TotalItems;
            }

            // An item inserted before the current position shifts the list by one between two requests, so the last
            // item of one page comes again as the first of the next. Dropping repeats keeps "exactly once".
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var selected = new List<T>(items.Count);
            var repeats = 0;
            foreach (var item in items)
            {
                var id = _resource.IdOf(item);
                if (id != null && _previousIds != null && _previousIds.Contains(id)) { repeats++; continue; }
                if (id != null) ids.Add(id);
                selected.Add(item);
            }
            if (repeats > 0 && repeats == items.Count && items.Count == _perPage)
                throw new RinkelApiException(RinkelErrorKind.InvalidResponse, result.Response.Method, result.Response.Uri,
                    (int)result.Response.Status, result.Response.Reason, null, null, null, result.Response.Attempts,
                    $"Page {result.Page} repeated the previous page; the API seems to ignore the page parameter, so the listing stopped instead of looping.");
            _duplicatesDropped += repeats;
            _previousIds = ids;

            if (_skipInFirstPage > 0)
            {
                selected.RemoveRange(0, Math.Min(_skipInFirstPage, selected.Count));
                _skipInFirstPage = 0;
            }
            if (_remaining is long remaining && selected.Count > remaining)
                selected.RemoveRange((int)remaining, selected.Count - (int)remaining);
            if (_remaining.HasValue) _remaining -= selected.Count;

            _returned += selected.Count;
            _observer.OnListingProgress(_returned, ExpectedCount());
            return selected;
        }

        private long? ExpectedCount()
        {
            if (!(_firstTotalItems is long total)) return null;
            var afterSkip = Math.Max(0, total - _options.Skip);
            return _options.First is long first ? Math.Min(first, afterSkip) : afterSkip;
        }

        // Items added or removed while the listing runs change what pages hold; say so rather than pretend.
        private void CheckIntegrity()
        {
            var plural = _resource.PluralNoun;
            if (_duplicatesDropped > 0)
                _observer.OnWarning($"{_duplicatesDropped} {Count(_duplicatesDropped)} appeared on two pages because the list changed while it was read; each was returned once.");
            if (_options.First.HasValue || _options.Skip > 0 || !(_firstTotalItems is long expected)) return;
            var finalTotal = _lastTotalItems ?? expected;
            var received = _readFromApi - _duplicatesDropped;
            var change = finalTotal != expected ? " and " + finalTotal + " at the end"
                : _changedTotalItems is long during ? " and " + during + " during it"
                : string.Empty;
            if (received != expected || change.Length > 0)
                _observer.OnWarning(
                    $"The API reported {expected} {Count(expected)} at the start of the listing{change}, but the listing returned {received}. {Capitalized(plural)} were probably added or removed while it ran; run it again for a consistent list.");
        }

        private string Count(long n) => n == 1 ? _resource.Noun : _resource.PluralNoun;

        private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

        private IReadOnlyList<T>? Finish()
        {
            _done = true;
            StopPrefetching();
            return null;
        }

        private void StopPrefetching()
        {
            if (_pending.Count == 0) return;
            _cancellation.Cancel();
            while (_pending.Count > 0) Observe(_pending.Dequeue());
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
            public PageResult(long page, List<T> items, long? totalItems, long? totalPages, ApiResponse response)
            {
                Page = page;
                Items = items;
                TotalItems = totalItems;
                TotalPages = totalPages;
                Response = response;
            }

            public long Page { get; }
            public List<T> Items { get; }
            public long? TotalItems { get; }
            public long? TotalPages { get; }
            public ApiResponse Response { get; }
        }
    }
}
