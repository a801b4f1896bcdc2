using System.Collections.Generic;

namespace Rinkel.Client
{
    public sealed class ListUsersOptions : ListingOptions
    {
        /// <summary>Ask the API for avatar URLs (<c>includeAvatars=true</c>).</summary>
        public bool IncludeAvatars { get; set; }

        protected internal override void AddQuery(ICollection<KeyValuePair<string, string>> query)
        {
            if (IncludeAvatars) query.Add(new KeyValuePair<string, string>("includeAvatars", "true"));
        }
    }
}
