using System.Text.Json.Serialization;

namespace Rinkel.Client.Json
{
    // Source generation: no reflection warm-up on the first call, and trimming-friendly.
    // Numbers are also read from strings because a beta API's "31" and 31 mean the same thing.
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
        AllowTrailingCommas = true)]
    [JsonSerializable(typeof(ListPage<User>), TypeInfoPropertyName = "UserPage")]
    [JsonSerializable(typeof(User))]
    [JsonSerializable(typeof(ErrorBody))]
    [JsonSerializable(typeof(ListPage<Webhook>), TypeInfoPropertyName = "WebhookPage")]
    [JsonSerializable(typeof(Webhook))]
    [JsonSerializable(typeof(WebhookBody))]
    [JsonSerializable(typeof(ListPage<Number>), TypeInfoPropertyName = "NumberPage")]
    [JsonSerializable(typeof(Number))]
    [JsonSerializable(typeof(ListPage<Recording>), TypeInfoPropertyName = "RecordingPage")]
    [JsonSerializable(typeof(Recording))]
    [JsonSerializable(typeof(AudioUrlEnvelope))]
    [JsonSerializable(typeof(ListPage<CallRecord>), TypeInfoPropertyName = "CallRecordPage")]
    [JsonSerializable(typeof(CallRecord))]
    [JsonSerializable(typeof(VoicemailCountEnvelope))]
    internal partial class RinkelJsonContext : JsonSerializerContext
    {
    }
}
