using System.Collections.Generic;

namespace Rinkel
{
    /// <summary>Fixed desk phone settings (<c>fixed</c> in the API).</summary>
    public sealed class FixedPhoneSettings
    {
        public bool? Enabled { get; set; }
        public string? TenantId { get; set; }
        public string? Extension { get; set; }
        public string? OutboundNumber { get; set; }
        /// <summary>Which device rings on incoming calls: <c>mobile</c> or <c>fixed</c>.</summary>
        public string? RingDevice { get; set; }

        /// <summary>
        /// <c>off</c> when the user has no fixed phones (the other fields then mean nothing), otherwise
        /// <c>on; Extension=201; OutboundNumber=...; TenantId=...; RingDevice=fixed</c>.
        /// </summary>
        public override string ToString()
        {
            if (Enabled != true) return Text.OnOff(Enabled) ?? string.Empty;
            var parts = new List<string>(5) { "on" };
            Text.AddPair(parts, nameof(Extension), Extension);
            Text.AddPair(parts, nameof(OutboundNumber), OutboundNumber);
            Text.AddPair(parts, nameof(TenantId), TenantId);
            Text.AddPair(parts, nameof(RingDevice), RingDevice);
            return Text.Join(parts);
        }
    }
}
