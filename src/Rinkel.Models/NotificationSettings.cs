using System.Collections.Generic;

namespace Rinkel
{
    public sealed class NotificationSettings
    {
        public NotificationSetting? MissedCalls { get; set; }
        public NotificationSetting? CallOutsideBusinessHours { get; set; }
        public NotificationSetting? Voicemail { get; set; }
        public NotificationSetting? Invoice { get; set; }

        /// <summary><c>MissedCalls=email,app; CallOutsideBusinessHours=off; Voicemail=email; Invoice=email</c>.</summary>
        public override string ToString()
        {
            var parts = new List<string>(4);
            Text.AddPair(parts, nameof(MissedCalls), MissedCalls?.Summary());
            Text.AddPair(parts, nameof(CallOutsideBusinessHours), CallOutsideBusinessHours?.Summary());
            Text.AddPair(parts, nameof(Voicemail), Voicemail?.Summary());
            Text.AddPair(parts, nameof(Invoice), Invoice?.Summary());
            return Text.Join(parts);
        }
    }
}
