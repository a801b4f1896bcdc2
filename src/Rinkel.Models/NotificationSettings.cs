using System.Collections.Generic;

namespace Rinkel
{
    public sealed class NotificationSettings
    {
        public NotificationSetting? MissedCalls { get; set; }
        public NotificationSetting? CallOutsideBusinessHours { get; set; }
        public NotificationSetting? Voicemail { get; set; }
        public NotificationSetting? Invoice { get; set; }

        public override string ToString()
        {
            var parts = new List<string>(4);
            Text.AddPair(parts, "MissedCalls", MissedCalls?.ToString());
            Text.AddPair(parts, "OutsideBusinessHours", CallOutsideBusinessHours?.ToString());
            Text.AddPair(parts, "Voicemail", Voicemail?.ToString());
            Text.AddPair(parts, "Invoice", Invoice?.ToString());
            return string.Join("; ", parts);
        }
    }
}
