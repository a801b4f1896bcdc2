using System.Globalization;
using System.Text.Json;

namespace Rinkel.Client
{
    /// <summary>What one page's <c>meta.pagination</c> says about the listing, read from the fields paging uses.</summary>
    internal sealed class PageMeta
    {
        public static readonly PageMeta None = new PageMeta(null, null, null);

        private PageMeta(long? totalItems, long? totalPages, long? perPage)
        {
            TotalItems = totalItems;
            TotalPages = totalPages;
            PerPage = perPage;
        }

        public long? TotalItems { get; }
        public long? TotalPages { get; }
        public long? PerPage { get; }

        /// <summary>
        /// Reads totalItems, totalPages and perPage. A count may come as 50, 50.0 or "50"; a value that is there but
        /// is no count (50.5, -1, "many") fails, because paging on it would pick the wrong items. A meta or
        /// pagination that is not an object, and every other field, is ignored.
        /// </summary>
        public static PageMeta Read(JsonElement? meta, ApiResponse response)
        {
            if (!(meta is JsonElement m) || m.ValueKind != JsonValueKind.Object) return None;
            if (!m.TryGetProperty("pagination", out var pagination) || pagination.ValueKind != JsonValueKind.Object) return None;
            var perPage = Count(pagination, "perPage", response);
            if (perPage == 0) throw ResponseReader.Invalid(response, "The API said meta.pagination.perPage is 0, so its pages cannot be followed.");
            return new PageMeta(Count(pagination, "totalItems", response), Count(pagination, "totalPages", response), perPage);
        }

        private static long? Count(JsonElement pagination, string name, ApiResponse response)
        {
            if (!pagination.TryGetProperty(name, out var value)) return null;
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    return null;
                case JsonValueKind.Number:
                    if (value.TryGetInt64(out var whole) && whole >= 0) return whole;
                    if (value.TryGetDouble(out var real) && real >= 0 && real <= long.MaxValue && real == System.Math.Floor(real)) return (long)real;
                    break;
                case JsonValueKind.String:
                    if (long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) return parsed;
                    break;
            }
            throw ResponseReader.Invalid(response,
                $"The API sent meta.pagination.{name} = {Shorten(value.GetRawText())}, which is not a count, so the listing cannot tell which pages to read.");
        }

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";
    }
}
