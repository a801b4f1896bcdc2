namespace Rinkel.Client
{
    public sealed class ListUsersOptions
    {
        /// <summary>Ask the API for avatar URLs (<c>includeAvatars=true</c>).</summary>
        public bool IncludeAvatars { get; set; }

        /// <summary>Users to pass over before the first one returned; whole pages of them are never requested.</summary>
        public long Skip { get; set; }

        /// <summary>Most users to return; pages beyond them are never requested. Null for all.</summary>
        public long? First { get; set; }
    }
}
