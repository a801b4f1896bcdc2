using System.Text;

namespace Rinkel.FakeApi;

/// <summary>GET /call-detail-records (list, by id, by call id) and GET /voicemails (list, new-count).</summary>
internal static class CallEndpoints
{
    public static ApiResponse Handle(HttpContext context, ApiRoute route, string? id, FakeConfig config, CallHistory calls, string origin)
    {
        var request = context.Request;
        var now = DateTimeOffset.UtcNow;
        switch (route)
        {
            case ApiRoute.CallRecordById:
            case ApiRoute.CallRecordByCallId:
            {
                var errors = new List<ApiError>();
                var details = route == ApiRoute.CallRecordById || ApiEndpoints.ReadBool(request.Query, "includeDetails", errors);
                if (errors.Count > 0) return new ApiResponse(400, w => ApiJson.WriteErrors(w, errors));
                var snapshot = calls.Snapshot(config, now);
                var record = route == ApiRoute.CallRecordById
                    ? snapshot.Records.FirstOrDefault(r => r.Id == id)
                    : snapshot.Records.FirstOrDefault(r => r.CallId == id);
                if (record is null)
                {
                    return ApiResponse.Error(404, "NOT_FOUND", "The call detail record was not found", $"No call detail record with {(route == ApiRoute.CallRecordById ? "id" : "callId")} '{id}'.");
                }

                return new ApiResponse(200, w => ListingEnvelope.WriteWrapped(w, x => CallRecordJson.Write(x, record, snapshot, config, origin, contactLookup: true, details)));
            }

            case ApiRoute.VoicemailNewCount:
            {
                var snapshot = calls.Snapshot(config, now);
                var count = snapshot.Records.Count(r => r.Voicemail is { New: true });
                return new ApiResponse(200, w => ListingEnvelope.WriteWrapped(w, x =>
                {
                    x.WriteStartObject();
                    x.WriteNumber("count", count);
                    x.WriteEndObject();
                }));
            }

            default:
            {
                var voicemails = route == ApiRoute.VoicemailList;
                var errors = new List<ApiError>();
                ApiEndpoints.ReadPaging(request.Query, errors, out var page, out var perPage);
                var query = CallQuery.Parse(request.Query, voicemails, config.Seed, now, errors);
                if (errors.Count > 0) return new ApiResponse(400, w => ApiJson.WriteErrors(w, errors));

                // The insert-while-listing switch: calls keep ending while a client pages through the history.
                if (config.InsertCallsPerListing > 0)
                {
                    calls.Insert(config, config.InsertCallsPerListing, TimeSpan.Zero, now);
                }

                var snapshot = calls.Snapshot(config, now);
                // The pages of one listing ask the same question of the same history: filter and sort it once.
                var key = (voicemails ? "v?" : "c?") + FiltersOf(request.Query) + "@" + now.UtcDateTime.Date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
                var matches = calls.Matches(snapshot, key, () => query.Apply(snapshot, config.Seed, config.Odd));
                var window = new PageWindow(matches.Count, page, perPage);
                var linkBase = origin + (voicemails ? "/voicemails?" : "/call-detail-records?") + FiltersOf(request.Query);
                return new ApiResponse(200, w => ListingEnvelope.Write(w, window, config.Meta,
                    p => linkBase + "page=" + p + "&perPage=" + perPage,
                    (x, i) => CallRecordJson.Write(x, matches[(int)i], snapshot, config, origin, query.ContactLookup, details: true)));
            }
        }
    }

    // The request's own filters, as the links repeat them (everything but page and perPage), each ending in '&'.
    private static string FiltersOf(IQueryCollection query)
    {
        var text = new StringBuilder();
        foreach (var (name, values) in query)
        {
            if (name is "page" or "perPage") continue;
            foreach (var value in values)
            {
                text.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value ?? "")).Append('&');
            }
        }

        return text.ToString();
    }
}
