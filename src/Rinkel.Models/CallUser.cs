namespace Rinkel
{
    /// <summary>The user who took or made a call: the short form of a user that call records carry.</summary>
    /// <remarks>
    /// <see cref="Role"/> comes as the API sends it inside call records (<c>admin</c>, <c>user</c>,
    /// <c>answeringService</c>), unlike <c>Get-RinkelUser</c> (<c>ADMIN</c>); PowerShell's <c>-eq</c> ignores case.
    /// </remarks>
    public sealed class CallUser
    {
        public string? Id { get; set; }
        public string? Initials { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? FullName { get; set; }
        public PhoneNumber? PhoneNumber { get; set; }
        public string? Role { get; set; }
        public string? Availability { get; set; }
        public AvatarUrls? AvatarUrls { get; set; }

        public override string ToString() => !string.IsNullOrEmpty(FullName) ? FullName! : Id ?? string.Empty;
    }
}
