using System.Collections.Generic;

namespace Rinkel.Client
{
    /// <summary>The query of one call-record or voicemail listing (one batch of users), for the listing engine.</summary>
    internal sealed class CallRecordListOptions : ListingOptions
    {
        private readonly IReadOnlyList<KeyValuePair<string, string>> _query;

        public CallRecordListOptions(IReadOnlyList<KeyValuePair<string, string>> query, long skip, long? first)
        {
            _query = query;
            Skip = skip;
            First = first;
        }

        protected internal override void AddQuery(ICollection<KeyValuePair<string, string>> query)
        {
            foreach (var pair in _query) query.Add(pair);
        }
    }
}
