using System;

namespace Rinkel
{
    /// <summary>A phone number of the account, as returned by <c>GET /numbers</c> and <c>GET /numbers/{id}</c>.</summary>
    /// <remarks>
    /// <see cref="Status"/> is a plain string: the API is beta and adds statuses, and one the module has never seen
    /// must reach the user instead of failing the listing. Only the single number (by id) carries a dial plan.
    /// </remarks>
    public sealed class Number
    {
        public string? Id { get; set; }
        public string? Label { get; set; }

        /// <summary>E.164, e.g. <c>+31201234567</c>; the property is named as the API names it.</summary>
        public string? PhoneNumber { get; set; }

        /// <summary>The national form the Rinkel app shows, e.g. <c>020 123 4567</c>.</summary>
        public string? LocalizedNumber { get; set; }

        /// <summary><c>ACTIVE</c>, <c>SUSPENDED</c>, <c>CANCELLED</c>, <c>PENDING_CANCEL</c>, <c>PARKED</c>, ... passed through as sent.</summary>
        public string? Status { get; set; }

        /// <summary>Local time (comparable with Get-Date).</summary>
        public DateTime? ActivationDate { get; set; }

        /// <summary>Local time; empty while the number is not being cancelled.</summary>
        public DateTime? CancelDate { get; set; }

        /// <summary>Ids of the users in the number's forwarding or voice menu (pipe them to Get-RinkelUser).</summary>
        public IdList? ActiveUserIds { get; set; }

        public InsightsSettings? Insights { get; set; }

        /// <summary>Only on the single number (Get-RinkelNumber -Id).</summary>
        public int? DialPlanVersion { get; set; }

        /// <summary>Only on the single number (Get-RinkelNumber -Id).</summary>
        public DialPlan? DialPlan { get; set; }

        /// <summary>How many users the number rings (the length of <see cref="ActiveUserIds"/>).</summary>
        public int ActiveUserCount => ActiveUserIds?.Count ?? 0;

        public override string ToString() => PhoneNumber ?? LocalizedNumber ?? Id ?? string.Empty;
    }
}
