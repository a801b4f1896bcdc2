using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Rinkel.Client.Json;

namespace Rinkel.Client
{
    /// <summary>
    /// Reads every user page by page, in API order. When the first page tells how many pages there are, the
    /// following ones are fetched concurrently within a bounded window (shrunk when the API throttles); without
    /// that, pages are read one after another until a short page. Not thread-safe: one reader at a time.
    /// </summary>
    public sealed class UserListing : IDisposable
    {
        private const int PerPage = RinkelClientOptions.MaxPageSize;

        private readonly RinkelClient _client;
        private readonly ListUsersOptions _options;
        private readonly IRinkelObserver _observer;
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

        internal UserListing(RinkelClient client, ListUsersOptions options, IRinkelObserver observer)
        {
            if (options.Skip < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Skip, "Skip must not be negative.");
            if (options.First < 0) throw new ArgumentOutOfRangeException(nameof(options), options.First, "First must not be negative.");
            _client = client;
            _options = options;
            _observer = observer;
            _nextPageToStart = options.Skip / PerPage + 1;
            _skipInFirstPage = (int)(options.Skip % PerPage);
            _remaining = options.First;
            _lastAllowedPage = options.First is long first && first > 0
                ? (options.Skip + first - 1) / PerPage + 1
                : long.MaxValue;
            _window = Math.Max(1, client.Options.MaxConcurrentPages);
            _throttleBaseline = client.Gate.ThrottleCount;
        }

        /// <summary>The API's total number of users, once the first page has told it (null without pagination meta).</summary>
        public long? TotalCount => _firstTotalItems;

        /// <summary>The next page of users in API order, or null at the end of the listing.</summary>
        public async Task<IReadOnlyList<User>?> ReadNextPageAsync(CancellationToken cancellationToken)
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

                var isLast = result.Users.Count == 0
                    || result.Page >= _lastAllowedPage
                    || (_totalPages is long pages ? result.Page >= pages : result.Users.Count < PerPage);
                if (isLast) StopPrefetching();
                else StartPrefetching();

                var users = Select(result);
                if (isLast || _remaining == 0)
                {
                    _done = true;
                    CheckIntegrity();
                }
                return users;
            }
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
            var query = "users?page=" + page.ToString(CultureInfo.InvariantCulture) + "&perPage=" + PerPage.ToString(CultureInfo.InvariantCulture)
                + (_options.IncludeAvatars ? "&includeAvatars=true" : string.Empty);
            var response = await _client.SendAsync(query, _observer, _cancellation.Token).ConfigureAwait(false);
            var body = ResponseReader.ReadPage(response);
            var pagination = body.Meta?.Pagination;
            return new PageResult(page, body.Data!, pagination?.TotalItems, pagination?.TotalPages, response);
        }

        private List<User> Select(PageResult result)
        {
            var users = result.Users;
            _readFromApi += users.Count;
            if (result.TotalItems.HasValue)
            {
                _lastTotalItems = result.TotalItems;
                // Any page that disagrees counts, not only the last: a total that changed and changed back still
                // means the pages were not cut from one consistent list.
                if (result.TotalItems != _firstTotalItems && !_changedTotalItems.HasValue) _changedTotalItems = result.TotalItems;
            }

            // A user inserted before the current position shifts the list by one between two requests, so the last
            // user of one page comes again as the first of the next. Dropping repeats keeps "exactly once".
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var selected = new List<User>(users.Count);
            var repeats = 0;
            foreach (var user in users)
            {
                if (user.Id != null && _previousIds != null && _previousIds.Contains(user.Id)) { repeats++; continue; }
                if (user.Id != null) ids.Add(user.Id);
                selected.Add(user);
            }
            if (repeats > 0 && repeats == users.Count && users.Count == PerPage)
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

        // Users added or removed while the listing runs change what pages hold; say so rather than pretend.
        private void CheckIntegrity()
        {
            if (_duplicatesDropped > 0)
                _observer.OnWarning($"{_duplicatesDropped} user(s) appeared on two pages because the list changed while it was read; each was returned once.");
            if (_options.First.HasValue || _options.Skip > 0 || !(_firstTotalItems is long expected)) return;
            var finalTotal = _lastTotalItems ?? expected;
            var received = _readFromApi - _duplicatesDropped;
            var change = finalTotal != expected ? " and " + finalTotal + " at the end"
                : _changedTotalItems is long during ? " and " + during + " during it"
                : string.Empty;
            if (received != expected || change.Length > 0)
                _observer.OnWarning(
                    $"The API reported {expected} user(s) at the start of the listing{change}, but the listing returned {received}. Users were probably added or removed while it ran; run it again for a consistent list.");
        }

        private IReadOnlyList<User>? Finish()
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
            public PageResult(long page, List<User> users, long? totalItems, long? totalPages, ApiResponse response)
            {
                Page = page;
                Users = users;
                TotalItems = totalItems;
                TotalPages = totalPages;
                Response = response;
            }

            public long Page { get; }
            public List<User> Users { get; }
            public long? TotalItems { get; }
            public long? TotalPages { get; }
            public ApiResponse Response { get; }
        }
    }
}
