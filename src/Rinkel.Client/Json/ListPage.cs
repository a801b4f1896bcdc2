using System.Collections.Generic;

namespace Rinkel.Client.Json
{
    // Wire shapes of the list envelope every listed resource shares. Internal: callers see items, not the envelope.
    internal sealed class ListPage<T> where T : class
    {
        public List<T?>? Data { get; set; }
        public PageMeta? Meta { get; set; }
    }

    internal sealed class PageMeta
    {
        public Pagination? Pagination { get; set; }
    }

    internal sealed class Pagination
    {
        public long? TotalItems { get; set; }
        public long? TotalPages { get; set; }
        public long? CurrentPage { get; set; }
        public int? PerPage { get; set; }
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
