using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rinkel.FakeApi;

/// <summary>
/// /_fake/webhooks: GET shows the launch key's subscriptions, the test deliveries asked for and the plan switch;
/// POST {"integrations": false} puts the account on a plan without integrations (every webhook call answers 403).
/// </summary>
internal static class WebhookControl
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static void Map(WebApplication app, FakeState state)
    {
        app.MapGet("/_fake/webhooks", context => WriteAsync(context, 200, Snapshot(state)));
        app.MapPost("/_fake/webhooks", async context =>
        {
            PlanPatch? patch;
            try
            {
                patch = await JsonSerializer.DeserializeAsync<PlanPatch>(context.Request.Body, Json, context.RequestAborted);
            }
            catch (JsonException e)
            {
                await WriteAsync(context, 400, new { error = e.Message });
                return;
            }

            if (patch?.Integrations is not { } integrations)
            {
                await WriteAsync(context, 400, new { error = "Expected {\"integrations\": true|false}." });
                return;
            }

            state.Webhooks.Integrations = integrations;
            await WriteAsync(context, 200, Snapshot(state));
        });
    }

    private static object Snapshot(FakeState state) => new
    {
        integrations = state.Webhooks.Integrations,
        webhooks = state.Webhooks.List(state.Launch.ApiKey),
        tests = state.Webhooks.Tests(),
    };

    private static Task WriteAsync<T>(HttpContext context, int status, T value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ApiJson.ContentType;
        return JsonSerializer.SerializeAsync(context.Response.Body, value, Json, context.RequestAborted);
    }

    private sealed record PlanPatch(bool? Integrations);
}
