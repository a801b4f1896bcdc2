using System.Collections.Generic;

namespace Rinkel.Client
{
    /// <summary>The order of a recordings listing: the API sorts, so paging stays consistent.</summary>
    public sealed class ListRecordingsOptions : ListingOptions
    {
        /// <summary>The documented sort keys; the API's default is date.</summary>
        public static readonly IReadOnlyList<string> SortKeys = new[] { "date", "duration", "name", "description" };

        /// <summary><c>date</c>, <c>duration</c>, <c>name</c> or <c>description</c>; null for the API's default.</summary>
        public string? Sort { get; set; }

        /// <summary>Null for the API's default order; true for DESC, false for ASC.</summary>
        public bool? Descending { get; set; }

        protected internal override void AddQuery(ICollection<KeyValuePair<string, string>> query)
        {
            if (!string.IsNullOrEmpty(Sort)) query.Add(new KeyValuePair<string, string>("sort", Sort!));
            if (Descending is bool descending) query.Add(new KeyValuePair<string, string>("sortOrder", descending ? "DESC" : "ASC"));
        }
    }
}
