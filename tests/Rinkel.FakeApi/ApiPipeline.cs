using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Rinkel.FakeApi;

/// <summary>
/// Everything outside /_fake: log, latency, fault, then the API itself. Only /v1 requests get latency
/// and faults; any other path is logged too (so a test can catch a client following a link that lacks
/// /v1) and answered with the API's ROUTE_NOT_FOUND.
/// </summary>
internal static class ApiPipeline
{
    public static async Task HandleAsync(HttpContext context, FakeState state, CancellationToken stopping)
    {
        var config = state.Config;
        var request = context.Request;
        var started = Stopwatch.GetTimestamp();
        var path = request.Path.Value ?? "";
        var keyHeader = request.Headers[ApiEndpoints.ApiKeyHeader];
        var entry = state.Requests.Begin(new RequestRecord(
            Seq: 0,
            Method: request.Method,
            RawTarget: context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path + request.QueryString,
            Path: path,
            Query: request.QueryString.Value ?? "",
            ApiKeyValid: keyHeader.Count == 1 && string.Equals(keyHeader[0], state.Launch.ApiKey, StringComparison.Ordinal),
            HasApiKey: keyHeader.Count > 0,
            UserAgent: request.Headers.UserAgent.Count > 0 ? request.Headers.UserAgent.ToString() : null,
            Status: 0,
            Fault: null,
            ReceivedAt: DateTimeOffset.UtcNow,
            ElapsedMs: 0));
        context.Response.OnStarting(() =>
        {
            // Kestrel still runs OnStarting after Abort(); nothing reached the client then.
            if (context.Items.ContainsKey(AbortedKey))
            {
                return Task.CompletedTask;
            }

            var status = context.Response.StatusCode;
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            state.Requests.Update(entry, r => r with { Status = status, ElapsedMs = elapsed });
            return Task.CompletedTask;
        });

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            var audio = AudioEndpoints.IsAudioPath(path);
            if (!audio && !path.StartsWith("/v1/", StringComparison.Ordinal) && path != "/v1")
            {
                await ApiResponse.Error(404, "ROUTE_NOT_FOUND", "Route not found", $"{request.Method} {path} does not exist.")
                    .WriteAsync(context);
                return;
            }

            if (config.LatencyMs > 0)
            {
                await Task.Delay(config.LatencyMs, cancel.Token);
            }

            Func<ApiResponse> handle = () => ApiEndpoints.Handle(context, config, state.Launch.ApiKey, state.Calls);
            if (WebhookEndpoints.Owns(path))
            {
                handle = await WebhookEndpoints.PrepareAsync(context, state, cancel.Token);
            }

            var fault = state.Faults.TryTake(path, ApiEndpoints.ListingPage(context));
            if (fault is not null)
            {
                state.Requests.Update(entry, r => r with { Fault = fault.Kind });
                if (fault.Commit)
                {
                    var committed = handle();
                    handle = () => committed;
                }

                if (fault.Kind == "delay")
                {
                    await Task.Delay(fault.DelayMs ?? 0, cancel.Token);
                }
                else if (fault.Kind == "cut" && audio)
                {
                    // Headers and half the body, then the connection drops (the audio host's own responder does it).
                    await AudioEndpoints.ServeAsync(context, state, fault, cancel.Token);
                    return;
                }
                else
                {
                    await FaultResponder.RespondAsync(context, fault, handle, cancel.Token);
                    return;
                }
            }

            if (audio)
            {
                await AudioEndpoints.ServeAsync(context, state, null, cancel.Token);
                return;
            }

            await handle().WriteAsync(context);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client gave up (its timeout) or the server is stopping: there is nobody to answer.
            Abort(context);
        }
    }

    private static readonly object AbortedKey = new();

    /// <summary>Closes the connection with no (further) response, and keeps the log from claiming one.</summary>
    public static void Abort(HttpContext context)
    {
        context.Items[AbortedKey] = true;
        context.Abort();
    }
}
