namespace Rinkel
{
    /// <summary>A Rinkel user, as returned by <c>GET /users</c> and <c>GET /users/{id}</c>.</summary>
    /// <remarks>
    /// Enum-like fields (<see cref="Availability"/>, <see cref="Role"/>) are plain strings: the API is beta and
    /// adds values, and a value the module has never seen must reach the user instead of failing the listing.
    /// </remarks>
    public sealed class User
    {
        public string? Id { get; set; }
        public string? Initials { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? FullName { get; set; }
        public string? Email { get; set; }
        public PhoneNumber? PhoneNumber { get; set; }

        /// <summary><c>AVAILABLE</c> or <c>UNAVAILABLE</c>; other values are passed through as sent.</summary>
        public string? Availability { get; set; }

        /// <summary><c>ADMIN</c>, <c>USER</c> or <c>ANSWERINGSERVICE</c>; other values and casings are passed through.</summary>
        public string? Role { get; set; }

        public string? Locale { get; set; }
        public string? DeviceId { get; set; }
        public AvatarUrls? AvatarUrls { get; set; }
        public UserPreferences? Preferences { get; set; }
        public NotificationSettings? Notifications { get; set; }
        public InsightsSettings? Insights { get; set; }
        public FixedPhoneSettings? Fixed { get; set; }

        /// <summary>
        /// A reference to a user by id, e.g. <c>-User 64a6b60be7ce3a7774155263</c>: PowerShell converts a string to a
        /// User with this, so a parameter typed User takes user ids and user objects alike.
        /// </summary>
        public static User Parse(string id)
        {
            if (string.IsNullOrWhiteSpace(id)) throw new System.FormatException("A user id cannot be empty.");
            return new User { Id = id.Trim() };
        }

        public override string ToString() =>
            !string.IsNullOrEmpty(FullName) ? FullName! : (Email ?? Id ?? string.Empty);
    }
}
