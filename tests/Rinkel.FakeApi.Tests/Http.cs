using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Rinkel.FakeApi.Tests;

/// <summary>A plain HTTP client for talking to the fake exactly as a test wants (key or not, any path).</summary>
internal static class Http
{
    public static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public static string Origin(this FakeRinkelApi api) => api.BaseUri.GetLeftPart(UriPartial.Authority);

    /// <param name="pathAndQuery">From the root, e.g. "/v1/users?page=2".</param>
    /// <param name="key">The API key to send; null sends the server's own key; "" sends none.</param>
    public static async Task<Reply> GetAsync(FakeRinkelApi api, string pathAndQuery, string? key = null, TimeSpan? timeout = null, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, api.Origin() + pathAndQuery);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.UserAgent.ParseAdd("Rinkel.FakeApi.Tests/1.0");
        var sentKey = key ?? api.ApiKey;
        if (sentKey.Length > 0)
        {
            request.Headers.Add("x-rinkel-api-key", sentKey);
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        using var response = await Client.SendAsync(request, cts.Token);
        // The raw header: HttpClient would otherwise report the buffered length when there was none.
        var contentLength = response.Content.Headers.TryGetValues("Content-Length", out var values) ? long.Parse(values.Single(), CultureInfo.InvariantCulture) : (long?)null;
        var body = await response.Content.ReadAsByteArrayAsync(cts.Token);
        return new Reply(response.StatusCode, response.Headers, response.Content.Headers, body, contentLength);
    }

    public static async Task<JsonElement> GetJsonAsync(FakeRinkelApi api, string pathAndQuery)
    {
        var reply = await GetAsync(api, pathAndQuery);
        Assert.True(reply.Status == HttpStatusCode.OK, $"GET {pathAndQuery} gave {(int)reply.Status}: {reply.Text}");
        return reply.Json;
    }
}

internal sealed record Reply(HttpStatusCode Status, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, byte[] Body, long? ContentLength)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json
    {
        get
        {
            using var doc = JsonDocument.Parse(Body);
            return doc.RootElement.Clone();
        }
    }

    public string? MediaType => ContentHeaders.ContentType?.MediaType;

    /// <summary>Asserts the documented error body and returns its first error.</summary>
    public JsonElement AssertError(HttpStatusCode status, string code)
    {
        Assert.Equal(status, Status);
        Assert.Equal("application/json", MediaType);
        Assert.Equal("utf-8", ContentHeaders.ContentType?.CharSet);
        var errors = Json.GetProperty("errors");
        Assert.True(errors.GetArrayLength() >= 1, Text);
        var first = errors[0];
        Assert.Equal(code, first.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.String, first.GetProperty("detail").ValueKind);
        return first;
    }
}

/// <summary>One default server per test class; tests in a class run one at a time and reset it first.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public FakeRinkelApi Api { get; private set; } = null!;

    public async Task InitializeAsync() => Api = await FakeRinkelApi.StartAsync();

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
