using System.Collections.Generic;

namespace Rinkel.Client
{
    /// <summary>
    /// What every listing takes: how many items to pass over and how many to return. A resource's options derive
    /// from this and add their filters as query parameters.
    /// </summary>
    public class ListingOptions
    {
        /// <summary>Items to pass over before the first one returned; whole pages of them are never requested.</summary>
        public long Skip { get; set; }

        /// <summary>Most items to return; pages beyond them are never requested. Null for all.</summary>
        public long? First { get; set; }

        /// <summary>
        /// Pages in flight at most for this listing; null for the client's <see cref="RinkelClientOptions.MaxConcurrentPages"/>.
        /// A list whose order shifts while it is read (new items inserted above the pages not yet read) needs 1:
        /// pages answered out of order would then leave a gap that repeat-dropping cannot see.
        /// </summary>
        public int? MaxConcurrentPages { get; set; }

        /// <summary>
        /// Adds the resource's own query parameters (filters, sort) to every page request, in order; a name may
        /// repeat (the API's arrays are repeated names). Values are escaped by the engine. Page and perPage are
        /// the engine's own.
        /// </summary>
        protected internal virtual void AddQuery(ICollection<KeyValuePair<string, string>> query)
        {
        }
    }
}
