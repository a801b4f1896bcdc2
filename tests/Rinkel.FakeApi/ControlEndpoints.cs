using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rinkel.FakeApi;

/// <summary>
/// /_fake: how a test steers one running server. No API key; JSON in and out; unknown members are
/// rejected (400) so a misspelt setting cannot silently do nothing.
/// </summary>
internal static class ControlEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Queued faults echo only what was set; requests and config always show every member.
    private static readonly JsonSerializerOptions Compact = new(Json)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Map(WebApplication app, FakeState state)
    {
        var fake = app.MapGroup("/_fake");

        fake.MapGet("/config", context => WriteAsync(context, 200, state.Config));
        fake.MapPost("/config", async context =>
        {
            var patch = await ReadAsync<ConfigPatch>(context);
            if (patch is null)
            {
                return;
            }

            var error = patch.Validate();
            if (error is not null)
            {
                await WriteAsync(context, 400, new { error });
                return;
            }

            await WriteAsync(context, 200, state.Update(patch.ApplyTo));
        });

        fake.MapGet("/faults", context => WriteAsync(context, 200, new FaultList(state.Faults.Snapshot()), Compact));
        fake.MapPost("/faults", async context =>
        {
            var list = await ReadAsync<FaultList>(context);
            if (list is null)
            {
                return;
            }

            var error = list.Faults is null ? "Expected {\"faults\": [...]}." : list.Faults.Select(f => f.Validate()).FirstOrDefault(e => e is not null);
            if (error is not null)
            {
                await WriteAsync(context, 400, new { error });
                return;
            }

            state.Faults.Add(list.Faults!);
            await WriteAsync(context, 200, new FaultList(state.Faults.Snapshot()), Compact);
        });
        fake.MapDelete("/faults", context =>
        {
            state.Faults.Clear();
            return NoContent(context);
        });

        fake.MapGet("/requests", context => WriteAsync(context, 200, state.Requests.Snapshot()));
        fake.MapDelete("/requests", context =>
        {
            state.Requests.Clear();
            return NoContent(context);
        });

        fake.MapPost("/calls", async context =>
        {
            var insert = await ReadAsync<CallInsert>(context);
            if (insert is null)
            {
                return;
            }

            if (insert.Count is < 1 or > 10_000 || insert.VisibleAfterMs is < 0)
            {
                await WriteAsync(context, 400, new { error = "count must be 1..10000 and visibleAfterMs must not be negative." });
                return;
            }

            var added = state.Calls.Insert(state.Config, insert.Count, TimeSpan.FromMilliseconds(insert.VisibleAfterMs), DateTimeOffset.UtcNow);
            await WriteAsync(context, 200, new { calls = added.Select(r => new { r.Id, r.CallId, Date = CallRecordJson.Timestamp(r.Date), r.Status }) });
        });

        fake.MapPost("/reset", context =>
        {
            state.Reset();
            return NoContent(context);
        });
    }

    private static async Task<T?> ReadAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Json, context.RequestAborted);
            if (value is null)
            {
                await WriteAsync(context, 400, new { error = "Expected a JSON object." });
            }

            return value;
        }
        catch (JsonException e)
        {
            await WriteAsync(context, 400, new { error = e.Message });
            return null;
        }
    }

    private static Task WriteAsync<T>(HttpContext context, int status, T value, JsonSerializerOptions? options = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ApiJson.ContentType;
        return JsonSerializer.SerializeAsync(context.Response.Body, value, options ?? Json, context.RequestAborted);
    }

    private static Task NoContent(HttpContext context)
    {
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private sealed record FaultList(List<FaultSpec>? Faults);

    /// <summary>POST /_fake/calls: calls that just ended, visible after a delay (a record appears seconds after its call).</summary>
    private sealed record CallInsert(int Count = 1, int VisibleAfterMs = 0);

    private sealed record ConfigPatch(int? Users, int? Seed, bool? Meta, bool? BareSingle, int? LatencyMs, bool? Odd)
    {
        public int? CallRecords { get; init; }
        public long? CallsEndAt { get; init; }
        public int? InsertCallsPerListing { get; init; }
        public int? Recordings { get; init; }
        public int? AudioTokenSeconds { get; init; }
        public int? AudioBytes { get; init; }
        public int? AudioBytesPerSecond { get; init; }

        public string? Validate() =>
            Users is < 0 ? "users must not be negative."
            : LatencyMs is < 0 ? "latencyMs must not be negative."
            : CallRecords is < 0 or > 1_000_000 ? "callRecords must be 0..1000000."
            : InsertCallsPerListing is < 0 or > 1000 ? "insertCallsPerListing must be 0..1000."
            : CallsEndAt is < 0 ? "callsEndAt must not be negative."
            : Recordings is < 0 or > 100_000 ? "recordings must be 0..100000."
            : AudioTokenSeconds is < 0 ? "audioTokenSeconds must not be negative."
            : AudioBytes is < 1 or > 256 * 1024 * 1024 ? "audioBytes must be 1..268435456."
            : AudioBytesPerSecond is < 1024 ? "audioBytesPerSecond must be at least 1024."
            : null;

        public FakeConfig ApplyTo(FakeConfig c) => new FakeConfig(
            Users ?? c.Users,
            Seed ?? c.Seed,
            Meta ?? c.Meta,
            BareSingle ?? c.BareSingle,
            LatencyMs ?? c.LatencyMs,
            Odd ?? c.Odd)
        {
            CallRecords = CallRecords ?? c.CallRecords,
            CallsEndAt = CallsEndAt ?? c.CallsEndAt,
            InsertCallsPerListing = InsertCallsPerListing ?? c.InsertCallsPerListing,
            Recordings = Recordings ?? c.Recordings,
            AudioTokenSeconds = AudioTokenSeconds ?? c.AudioTokenSeconds,
            AudioBytes = AudioBytes ?? c.AudioBytes,
            AudioBytesPerSecond = AudioBytesPerSecond ?? c.AudioBytesPerSecond,
        };
    }
}
