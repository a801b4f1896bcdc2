using System.Text.Json.Serialization;

namespace Rinkel.Client.Json
{
    /// <summary>
    /// The body of POST and PUT /webhooks/{event} and of POST /webhooks/{event}/test (url and contentType only).
    /// Members left null are not sent: the test call takes two of them, and an absent description is not "".
    /// </summary>
    internal sealed class WebhookBody
    {
        public string? Url { get; set; }

        public string? ContentType { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public bool? Active { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Description { get; set; }
    }
}
