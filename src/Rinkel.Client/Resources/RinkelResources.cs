using Rinkel.Client.Json;

namespace Rinkel.Client
{
    /// <summary>The resources of the API the client knows, for <see cref="RinkelClient.List{T}"/> and <see cref="RinkelClient.GetAsync{T}(RinkelResource{T}, string, IRinkelObserver, System.Threading.CancellationToken)"/>.</summary>
    public static class RinkelResources
    {
        public static readonly RinkelResource<User> Users = new RinkelResource<User>(
            "users", "user", "users", WireContract.User, WireContract.UserPage, user => user.Id);

        /// <summary>Webhook subscriptions; one per event, so the event is the id.</summary>
        public static readonly RinkelResource<Webhook> Webhooks = new RinkelResource<Webhook>(
            "webhooks", "webhook", "webhooks", WireContract.Webhook, WireContract.WebhookPage, webhook => webhook.Event, paged: false);

        public static readonly RinkelResource<Number> Numbers = new RinkelResource<Number>(
            "numbers", "number", "numbers", WireContract.Number, WireContract.NumberPage, number => number.Id);

        public static readonly RinkelResource<Recording> Recordings = new RinkelResource<Recording>(
            "recordings", "recording", "recordings", WireContract.Recording, WireContract.RecordingPage, recording => recording.Id);

        /// <summary>The call history (<c>/call-detail-records</c>).</summary>
        public static readonly RinkelResource<CallRecord> CallRecords = new RinkelResource<CallRecord>(
            "call-detail-records", "call record", "call records", WireContract.CallRecord, WireContract.CallRecordPage, record => record.Id);

        /// <summary>Voicemails: call records whose status is VOICEMAIL (<c>/voicemails</c>).</summary>
        public static readonly RinkelResource<CallRecord> Voicemails = new RinkelResource<CallRecord>(
            "voicemails", "voicemail", "voicemails", WireContract.CallRecord, WireContract.CallRecordPage, record => record.Id);
    }
}
