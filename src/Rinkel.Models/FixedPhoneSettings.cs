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

        public override string ToString()
        {
            var parts = new List<string>(4) { Text.OnOff(Enabled) ?? "unknown" };
            Text.AddPair(parts, "Extension", Extension);
            Text.AddPair(parts, "Tenant", TenantId);
            Text.AddPair(parts, "Outbound", OutboundNumber);
            Text.AddPair(parts, "Rings", RingDevice);
            return string.Join("; ", parts);
        }
    }
}
