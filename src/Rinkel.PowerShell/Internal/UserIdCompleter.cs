using System;
using System.Collections;
using System.Collections.Generic;
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
    /// Completes -Id with user ids, matching the id or the user's name, and shows the name in the list.
    /// Reads from a short-lived per-connection cache so typing never costs a request per key; when not connected
    /// or when the API fails, it offers nothing rather than an error in the middle of the user's typing.
    /// </summary>
    public sealed class UserIdCompleter : IArgumentCompleter
    {
        private const int MaxUsers = 2000;
        private const int MaxResults = 100;
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(2);
        private static readonly TimeSpan FetchBudget = TimeSpan.FromSeconds(5);
        private static readonly ConditionalWeakTable<Connection, CachedUsers> Caches = new ConditionalWeakTable<Connection, CachedUsers>();

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var connection = (fakeBoundParameters?["Connection"] is PSObject wrapped ? wrapped.BaseObject : fakeBoundParameters?["Connection"]) as Connection
                    ?? CurrentConnection.Get();
                // A closed connection (Disconnect-Rinkel) offers nothing, not even what it had cached.
                if (connection == null || connection.IsClosed) return Array.Empty<CompletionResult>();
                var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
                return Caches.GetValue(connection, c => new CachedUsers(c)).Get()
                    .Where(u => Matches(u, word))
                    .Take(MaxResults)
                    .Select(u => new CompletionResult(u.Id!, string.IsNullOrEmpty(u.FullName) ? u.Id : u.FullName + " (" + u.Id + ")",
                        CompletionResultType.ParameterValue, ToolTip(u)))
                    .ToList();
            }
            catch (Exception)
            {
                // A completer must never surface an error in the middle of typing.
                return Array.Empty<CompletionResult>();
            }
        }

        private static bool Matches(User user, string word) =>
            word.Length == 0 ||
            (user.Id?.StartsWith(word, StringComparison.OrdinalIgnoreCase) ?? false) ||
            (user.FullName?.IndexOf(word, StringComparison.CurrentCultureIgnoreCase) >= 0) ||
            (user.Email?.StartsWith(word, StringComparison.OrdinalIgnoreCase) ?? false);

        private static string ToolTip(User user) =>
            string.Join(" ", new[] { user.FullName, user.Email == null ? null : "<" + user.Email + ">", user.Role }.Where(s => !string.IsNullOrEmpty(s)))
            is var text && text.Length > 0 ? text : user.Id!;

        private sealed class CachedUsers
        {
            private readonly Connection _connection;
            private readonly object _lock = new object();
            private IReadOnlyList<User> _users = Array.Empty<User>();
            private DateTime _fetchedAt = DateTime.MinValue;

            public CachedUsers(Connection connection) => _connection = connection;

            public IReadOnlyList<User> Get()
            {
                lock (_lock)
                {
                    if (DateTime.UtcNow - _fetchedAt < CacheLifetime) return _users;
                    // Typing must never wait out a throttle (a 429 being waited out): offer what is cached, ask later.
                    if (_connection.Client.ThrottledFor > TimeSpan.Zero) return _users;
                    // Stamped before fetching: a failing API is asked again only after the lifetime, not per key.
                    _fetchedAt = DateTime.UtcNow;
                    _users = Fetch();
                    return _users;
                }
            }

            private IReadOnlyList<User> Fetch()
            {
                using (var use = _connection.TryUse())
                using (var budget = new CancellationTokenSource(FetchBudget))
                using (var listing = _connection.Client.ListUsers(new ListUsersOptions { First = MaxUsers }, null))
                {
                    var users = new List<User>();
                    if (use == null) return users.ToArray();
                    try
                    {
                        var task = Task.Run(async () =>
                        {
                            IReadOnlyList<User>? page;
                            while ((page = await listing.ReadNextPageAsync(budget.Token).ConfigureAwait(false)) != null)
                                lock (users) users.AddRange(page.Where(u => !string.IsNullOrEmpty(u.Id)));
                        });
                        task.Wait(budget.Token);
                    }
                    catch (Exception)
                    {
                        // Partial results are still useful; nothing is reported while the user types.
                    }
                    lock (users) return users.ToArray();
                }
            }
        }
    }
}
