namespace Rinkel
{
    /// <summary>The tenant's number the call came in on or went out from (<c>internalNumber</c>).</summary>
    public sealed class CallInternalNumber
    {
        /// <summary>The number's id (for <c>-InternalNumber</c>); empty when the number is no longer active.</summary>
        public string? Id { get; set; }
        public string? Label { get; set; }
        /// <summary>The number in E.164 form.</summary>
        public string? Number { get; set; }
        public string? LocalizedNumber { get; set; }

        public override string ToString() => Number ?? LocalizedNumber ?? Label ?? string.Empty;
    }
}
