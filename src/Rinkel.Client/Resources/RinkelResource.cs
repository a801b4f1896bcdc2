using System;
using System.Text.Json.Serialization.Metadata;
using Rinkel.Client.Json;

namespace Rinkel.Client
{
    /// <summary>
    /// What the listing engine and the get-by-id path need to know of one resource: where it lives, how its items
    /// and pages read, which field identifies an item, and how messages name it. One instance per resource, in
    /// <see cref="RinkelResources"/>; adding a resource means adding a model and one of these.
    /// </summary>
    public sealed class RinkelResource<T> where T : class
    {
        internal RinkelResource(string path, string noun, string pluralNoun, JsonTypeInfo<T> itemType,
            JsonTypeInfo<ListPage<T>> pageType, Func<T, string?> idOf, int maxPageSize = RinkelClientOptions.MaxPageSize,
            bool paged = true)
        {
            if (maxPageSize < 1) throw new ArgumentOutOfRangeException(nameof(maxPageSize), maxPageSize, "The page size must be at least 1.");
            Path = path;
            Noun = noun;
            PluralNoun = pluralNoun;
            ItemType = itemType;
            PageType = pageType;
            IdOf = idOf;
            MaxPageSize = maxPageSize;
            Paged = paged;
        }

        /// <summary>The path under the API root, without slashes (e.g. "users", "call-detail-records").</summary>
        public string Path { get; }

        /// <summary>One item in messages: "user", "call record".</summary>
        public string Noun { get; }

        /// <summary>Several items in messages and progress: "users", "call records".</summary>
        public string PluralNoun { get; }

        /// <summary>The largest perPage the API accepts here; listings always ask for it to keep round trips few.</summary>
        public int MaxPageSize { get; }

        /// <summary>
        /// False for a list the API answers whole in one response (webhooks: one subscription per event): the listing
        /// then makes one request instead of probing for a next page.
        /// </summary>
        public bool Paged { get; }

        internal JsonTypeInfo<T> ItemType { get; }

        internal JsonTypeInfo<ListPage<T>> PageType { get; }

        /// <summary>The item's id, which makes "exactly once" checkable across pages.</summary>
        internal Func<T, string?> IdOf { get; }

        public override string ToString() => Path;
    }
}
