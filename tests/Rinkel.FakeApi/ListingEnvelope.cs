using System.Text.Json;

namespace Rinkel.FakeApi;

/// <summary>The paging math of one page of any listing: shared by every resource's writer and by the faults.</summary>
internal readonly record struct PageWindow(long TotalItems, int Page, int PerPage)
{
    public long TotalPages => (TotalItems + PerPage - 1) / PerPage;

    public long FirstIndex => Math.Min((long)(Page - 1) * PerPage, TotalItems);

    public long EndIndex => Math.Min(FirstIndex + PerPage, TotalItems);
}

/// <summary>Writes the list envelope every endpoint shares: <c>{"data": [...], "meta": {"pagination", "links"}}</c>.</summary>
internal static class ListingEnvelope
{
    /// <param name="link">The absolute link to a page (the real API's links lack /v1; see each resource).</param>
    /// <param name="writeItem">Writes the item at a position of the whole listing.</param>
    public static void Write(Utf8JsonWriter w, PageWindow page, bool meta, Func<long, string> link, Action<Utf8JsonWriter, long> writeItem)
    {
        w.WriteStartObject();
        w.WriteStartArray("data");
        for (var i = page.FirstIndex; i < page.EndIndex; i++)
        {
            writeItem(w, i);
        }

        w.WriteEndArray();
        if (meta)
        {
            w.WriteStartObject("meta");
            w.WriteStartObject("pagination");
            w.WriteNumber("totalItems", page.TotalItems);
            w.WriteNumber("totalPages", page.TotalPages);
            w.WriteNumber("currentPage", page.Page);
            w.WriteNumber("perPage", page.PerPage);
            w.WriteEndObject();
            w.WriteStartObject("links");
            w.WriteString("self", link(page.Page));
            w.WriteString("first", link(1));
            w.WriteString("last", link(Math.Max(1, page.TotalPages)));
            WriteNullable(w, "previous", page.Page > 1 ? link(page.Page - 1) : null);
            WriteNullable(w, "next", page.Page < page.TotalPages ? link(page.Page + 1) : null);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>A single resource, wrapped in "data" as every endpoint but GET /users/{id} does.</summary>
    public static void WriteWrapped(Utf8JsonWriter w, Action<Utf8JsonWriter> writeItem)
    {
        w.WriteStartObject();
        w.WritePropertyName("data");
        writeItem(w);
        w.WriteEndObject();
    }

    public static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
