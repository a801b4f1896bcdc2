namespace Rinkel.FakeApi;

/// <summary>GET /numbers, /numbers/{id}, /recordings, /recordings/{id} and the three .../{id}/stream endpoints.</summary>
internal static class MediaEndpoints
{
    public static bool Handles(ApiRoute route) => route is ApiRoute.NumberList or ApiRoute.NumberById or ApiRoute.RecordingList
        or ApiRoute.RecordingById or ApiRoute.AudioStream;

    public static ApiResponse Handle(HttpContext context, ApiRoute route, string? id, FakeConfig config, CallHistory calls, string apiKey, string origin)
    {
        var query = context.Request.Query;
        var errors = new List<ApiError>();
        switch (route)
        {
            case ApiRoute.NumberById:
            {
                var number = NumberCatalog.Find(config.Seed, id);
                return number is null
                    ? ApiResponse.Error(404, "NOT_FOUND", "The number was not found", $"No number with id '{id}'.")
                    : new ApiResponse(200, w => ListingEnvelope.WriteWrapped(w, x => NumberCatalog.Write(x, config, number, single: true)));
            }

            case ApiRoute.NumberList:
            {
                ApiEndpoints.ReadPaging(query, errors, out var page, out var perPage);
                if (errors.Count > 0) return new ApiResponse(400, w => ApiJson.WriteErrors(w, errors));
                var window = new PageWindow(TenantNumbers.Count, page, perPage);
                // The documented quirk: the links of /numbers point at /users.
                return new ApiResponse(200, w => ListingEnvelope.Write(w, window, config.Meta,
                    p => origin + "/users?page=" + p + "&perPage=" + perPage,
                    (x, i) => NumberCatalog.Write(x, config, TenantNumbers.Get(config.Seed, (int)i), single: false)));
            }

            case ApiRoute.RecordingById:
            {
                var recording = RecordingCatalog.Find(config, id);
                return recording is null
                    ? ApiResponse.Error(404, "NOT_FOUND", "The recording was not found", $"No recording with id '{id}'.")
                    : new ApiResponse(200, w => ListingEnvelope.WriteWrapped(w, x => RecordingCatalog.Write(x, config, recording, origin)));
            }

            case ApiRoute.RecordingList:
            {
                ApiEndpoints.ReadPaging(query, errors, out var page, out var perPage);
                var sort = query.TryGetValue("sort", out var sorts) ? sorts.ToString() : "date";
                if (!RecordingCatalog.SortKeys.Contains(sort))
                    errors.Add(new ApiError("VALIDATION_ERROR", "sort must be one of date, duration, name, description", $"Got '{sort}'."));
                var order = query.TryGetValue("sortOrder", out var orders) ? orders.ToString() : "DESC";
                if (order is not ("ASC" or "DESC"))
                    errors.Add(new ApiError("VALIDATION_ERROR", "sortOrder must be ASC or DESC", $"Got '{order}'."));
                if (errors.Count > 0) return new ApiResponse(400, w => ApiJson.WriteErrors(w, errors));
                var sorted = RecordingCatalog.Sorted(config, sort, order == "DESC");
                var window = new PageWindow(sorted.Count, page, perPage);
                return new ApiResponse(200, w => ListingEnvelope.Write(w, window, config.Meta,
                    p => origin + "/recordings?page=" + p + "&perPage=" + perPage,
                    (x, i) => RecordingCatalog.Write(x, config, sorted[(int)i], origin)));
            }

            default:
            {
                var (type, _) = AudioEndpoints.ParseStreamPath(context.Request.Path.Value ?? "");
                if (AudioEndpoints.Find(config, calls, type, id) is null)
                {
                    var noun = type switch { "recording" => "recording", "voicemail" => "voicemail", _ => "call recording" };
                    return ApiResponse.Error(404, "NOT_FOUND", $"The {noun} was not found", $"No {noun} with id '{id}'.");
                }

                var url = AudioEndpoints.IssueUrl(origin, config, apiKey, type, id!);
                return new ApiResponse(200, w => ListingEnvelope.WriteWrapped(w, x =>
                {
                    x.WriteStartObject();
                    x.WriteString("url", url);
                    x.WriteEndObject();
                }));
            }
        }
    }
}
