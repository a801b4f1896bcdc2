using System.Collections.Generic;
using System.Text.Json;

namespace Rinkel.Client.Json
{
    // Wire shapes of the list envelope every listed resource shares. Internal: callers see items, not the envelope.
    internal sealed class ListPage<T> where T : class
    {
        public List<T?>? Data { get; set; }

        // Kept as JSON and read by PageMeta: the few fields paging uses are checked strictly, anything else in it
        // (links, a currentPage of any type, fields added later) must never fail a listing.
        public JsonElement? Meta { get; set; }
    }

    // GET .../{id}/stream: { "data": { "url": "https://.../audio/...?token=..." } }. The url is a secret.
    internal sealed class AudioUrlEnvelope
    {
        public AudioUrlData? Data { get; set; }
    }

    internal sealed class AudioUrlData
    {
        public string? Url { get; set; }
    }

    internal sealed class ErrorBody
    {
        public List<ApiErrorItem>? Errors { get; set; }
    }

    internal sealed class ApiErrorItem
    {
        public string? Code { get; set; }
        public string? Message { get; set; }
        public string? Detail { get; set; }
    }
}
