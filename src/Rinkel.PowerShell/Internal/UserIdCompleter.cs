using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Rinkel.Client;

namespace Rinkel.Internal
{
    /// <summary>
    /// Completes -Id with user ids, matching the start of an id, or any part of a user's name or e-mail address.
    /// Reads from a short-lived per-connection cache of every user, so typing never costs a request per key and a
    /// name completes however far down the listing its user is; when not connected or when the API fails, it
    /// offers nothing rather than an error in the middle of the user's typing.
    /// </summary>
    /// <remarks>
    /// PSReadLine's Emacs mode (the default on Linux and macOS) replaces the typed word with the longest prefix the
    /// offered completion texts share. Ids share long prefixes, so several users matched by name would turn the
    /// typed name into a meaningless id prefix. When a name matches several users, the typed word itself is
    /// therefore offered last: the texts then share no prefix, Tab leaves the word as typed and lists the users
    /// (Emacs mode), and cycling with Tab (Windows mode) comes back to the word after the last user.
    /// Users matched by name are inserted as <c>id &lt;# name #&gt;</c>, so the command line shows whom the id is.
    /// </remarks>
    public sealed class UserIdCompleter : IArgumentCompleter
    {
        /// <summary>How many users one completion offers at most (documented in Get-RinkelUser's help).</summary>
        internal const int MaxResults = 100;
        // Protects memory on a huge account; far above any name search's needs.
        private const int MaxUsers = 100_000;
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(2);
        private static readonly TimeSpan WaitBudget = TimeSpan.FromSeconds(5);
        private static readonly ConditionalWeakTable<Connection, CachedUsers> Caches = new ConditionalWeakTable<Connection, CachedUsers>();
        private static readonly CompareInfo Compare = CultureInfo.InvariantCulture.CompareInfo;

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var connection = (fakeBoundParameters?["Connection"] is PSObject wrapped ? wrapped.BaseObject : fakeBoundParameters?["Connection"]) as Connection
                    ?? CurrentConnection.Get();
                // A closed connection (Disconnect-Rinkel) offers nothing, not even what it had cached.
                if (connection == null || connection.IsClosed) return Array.Empty<CompletionResult>();
                var users = Caches.GetValue(connection, c => new CachedUsers(c)).Get();
                return Complete(users, wordToComplete ?? string.Empty);
            }
            catch (Exception)
            {
                // A completer must never surface an error in the middle of typing.
                return Array.Empty<CompletionResult>();
            }
        }

        internal static IReadOnlyList<CompletionResult> Complete(IReadOnlyList<Entry> users, string typed)
        {
            var word = typed.Trim('\'', '"');
            var byId = users.Where(u => u.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase)).Take(MaxResults)
                .Select(u => new CompletionResult(u.Id, u.ListText, CompletionResultType.ParameterValue, u.ToolTip))
                .ToList();
            if (byId.Count > 0 || word.Length == 0) return byId;

            var byName = users.Where(u => Contains(u.FullName, word) || Contains(u.Email, word)).Take(MaxResults)
                .Select(u => new CompletionResult(u.Id + " <# " + u.SafeName + " #>", u.ListText, CompletionResultType.ParameterValue, u.ToolTip))
                .ToList();
            if (byName.Count > 1)
                byName.Add(new CompletionResult(typed, typed + " (as typed: " + byName.Count.ToString(CultureInfo.InvariantCulture) + " users match)",
                    CompletionResultType.Text, "Keep typing the name, or pick one of the users above."));
            return byName;
        }

        // Accents and case do not matter: 'fernandez' finds 'Fernández'.
        private static bool Contains(string? text, string word) =>
            text != null && Compare.IndexOf(text, word, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;

        /// <summary>What completion keeps of a user: enough to match and show it, not the whole object.</summary>
        internal sealed class Entry
        {
            public Entry(string id, string? fullName, string? email, string? role)
            {
                Id = id;
                FullName = fullName;
                Email = email;
                ListText = string.IsNullOrEmpty(fullName) ? id : fullName + " (" + id + ")";
                SafeName = (string.IsNullOrEmpty(fullName) ? email ?? id : fullName!).Replace("#>", "# >").Replace('\r', ' ').Replace('\n', ' ');
                var tip = string.Join(" ", new[] { fullName, email == null ? null : "<" + email + ">", role }.Where(s => !string.IsNullOrEmpty(s)));
                ToolTip = tip.Length > 0 ? tip : id;
            }

            public string Id { get; }
            public string? FullName { get; }
            public string? Email { get; }
            public string ListText { get; }
            public string SafeName { get; }
            public string ToolTip { get; }
        }

        private sealed class CachedUsers
        {
            private readonly Connection _connection;
            private readonly object _lock = new object();
            private List<Entry> _users = new List<Entry>();
            private Task? _fetch;
            private DateTime _fetchedAt = DateTime.MinValue;

            public CachedUsers(Connection connection) => _connection = connection;

            public IReadOnlyList<Entry> Get()
            {
                Task fetch;
                lock (_lock)
                {
                    // Typing must never wait out a throttle (a 429 being waited out): offer what is cached, ask later.
                    if ((_fetch == null || (_fetch.IsCompleted && DateTime.UtcNow - _fetchedAt >= CacheLifetime))
                        && _connection.Client.ThrottledFor <= TimeSpan.Zero)
                    {
                        // Stamped when starting: a failing API is asked again only after the lifetime, not per key.
                        _fetchedAt = DateTime.UtcNow;
                        var users = new List<Entry>();
                        _users = users;
                        _fetch = Task.Run(() => FetchAsync(users));
                        _fetch.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    }
                    fetch = _fetch ?? Task.CompletedTask;
                }
                // A slow API does not hold the prompt longer than the budget; the listing goes on meanwhile, so a
                // later Tab sees the users that arrived since.
                try
                {
                    fetch.Wait(WaitBudget);
                }
                catch (AggregateException)
                {
                    // Partial results are still useful; nothing is reported while the user types.
                }
                lock (_lock) return _users.ToArray();
            }

            private async Task FetchAsync(List<Entry> users)
            {
                // A use keeps Disconnect-Rinkel from disposing the key under the listing; a closed connection lists nothing.
                using (var use = _connection.TryUse())
                using (var listing = _connection.Client.ListUsers(new ListUsersOptions { First = MaxUsers }, null))
                {
                    if (use == null) return;
                    IReadOnlyList<User>? page;
                    while ((page = await listing.ReadNextPageAsync(CancellationToken.None).ConfigureAwait(false)) != null)
                    {
                        var entries = page.Where(u => !string.IsNullOrEmpty(u.Id)).Select(u => new Entry(u.Id!, u.FullName, u.Email, u.Role)).ToList();
                        lock (_lock) users.AddRange(entries);
                    }
                }
            }
        }
    }
}
