using System.Net;
using System.Text;

namespace Rinkel.FakeApi.Tests;

/// <summary>The fake's /v1/webhooks keeps the documented contract, so client tests against it mean something.</summary>
public sealed class WebhookEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const string Body = """{"url":"https://hooks.example.com/end","contentType":"application/json","active":true,"description":"CRM"}""";
    private readonly FakeRinkelApi _api = fixture.Api;

    public Task InitializeAsync() => _api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Reply> SendAsync(HttpMethod method, string path, string? json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, _api.Origin() + path);
        request.Headers.Add("x-rinkel-api-key", _api.ApiKey);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, contentType);
        using var response = await Http.Client.SendAsync(request);
        return new Reply(response.StatusCode, response.Headers, response.Content.Headers, await response.Content.ReadAsByteArrayAsync(), null);
    }

    [Fact]
    public async Task Register_list_replace_and_delete_answer_201_200_200_204()
    {
        var created = await SendAsync(HttpMethod.Post, "/v1/webhooks/callEnd", Body);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var data = created.Json.GetProperty("data");
        Assert.Equal(("callEnd", "https://hooks.example.com/end", "application/json", true, "CRM"),
            (data.GetProperty("event").GetString(), data.GetProperty("url").GetString(), data.GetProperty("contentType").GetString(),
             data.GetProperty("active").GetBoolean(), data.GetProperty("description").GetString()));

        var listed = await Http.GetJsonAsync(_api, "/v1/webhooks");
        Assert.Equal("callEnd", Assert.Single(listed.GetProperty("data").EnumerateArray()).GetProperty("event").GetString());

        var replaced = await SendAsync(HttpMethod.Put, "/v1/webhooks/callEnd", Body.Replace("\"active\":true", "\"active\":false"));
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.False(replaced.Json.GetProperty("data").GetProperty("active").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, "/v1/webhooks/callEnd")).Status);
        (await SendAsync(HttpMethod.Delete, "/v1/webhooks/callEnd")).AssertError(HttpStatusCode.NotFound, "NOT_FOUND");
        (await SendAsync(HttpMethod.Put, "/v1/webhooks/callEnd", Body)).AssertError(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_second_subscription_for_an_event_is_a_409()
    {
        await SendAsync(HttpMethod.Post, "/v1/webhooks/callEnd", Body);

        var again = await SendAsync(HttpMethod.Post, "/v1/webhooks/callEnd", Body);

        var error = again.AssertError(HttpStatusCode.Conflict, "ALREADY_EXISTS");
        Assert.Contains("already exists", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("/v1/webhooks/callEnd", """{"url":"http://hooks.example.com/end","contentType":"application/json","active":true}""", "url must be an https URL")]
    [InlineData("/v1/webhooks/callEnd", """{"url":"/end","contentType":"application/json","active":true}""", "url must be an https URL")]
    [InlineData("/v1/webhooks/callEnd", """{"url":"https://hooks.example.com/end","contentType":"text/plain","active":true}""", "contentType must be one of")]
    [InlineData("/v1/webhooks/callEnd", """{"url":"https://hooks.example.com/end","contentType":"application/json"}""", "active must be a boolean")]
    [InlineData("/v1/webhooks/callAnswered", Body, "event must be one of")]
    [InlineData("/v1/webhooks/callEnd", "not json", "The body is not valid JSON")]
    public async Task Invalid_requests_are_400_with_the_reason(string path, string json, string message)
    {
        var reply = await SendAsync(HttpMethod.Post, path, json);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith(message, reply.Json.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Empty((await _api.GetWebhooksAsync()).Webhooks);
    }

    [Fact]
    public async Task A_body_that_is_not_labelled_JSON_is_a_415()
    {
        var reply = await SendAsync(HttpMethod.Post, "/v1/webhooks/callEnd", Body, "text/plain");

        reply.AssertError(HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task The_test_call_takes_url_and_content_type_and_answers_204()
    {
        var reply = await SendAsync(HttpMethod.Post, "/v1/webhooks/callStart/test", """{"url":"https://hooks.example.com/try","contentType":"application/x-www-form-urlencoded"}""");

        Assert.Equal(HttpStatusCode.NoContent, reply.Status);
        var test = Assert.Single((await _api.GetWebhooksAsync()).Tests);
        Assert.Equal(("callStart", "https://hooks.example.com/try", "application/x-www-form-urlencoded"), (test.Event, test.Url, test.ContentType));
    }

    [Fact]
    public async Task Without_integrations_every_webhook_call_is_403_until_reset()
    {
        await _api.SetIntegrationsAsync(false);

        (await Http.GetAsync(_api, "/v1/webhooks")).AssertError(HttpStatusCode.Forbidden, "FORBIDDEN");
        var error = (await SendAsync(HttpMethod.Post, "/v1/webhooks/callEnd", Body)).AssertError(HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("Current plan does not include integrations", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(_api, "/v1/users")).Status);

        await _api.ResetAsync();
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(_api, "/v1/webhooks")).Status);
    }

    [Fact]
    public async Task Another_key_is_401_and_sees_nothing()
    {
        await SendAsync(HttpMethod.Post, "/v1/webhooks/callEnd", Body);

        (await Http.GetAsync(_api, "/v1/webhooks", key: "someone-else")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_committing_drop_creates_the_subscription_and_still_drops_the_connection()
    {
        await _api.AddFaultsAsync(FakeFault.Drop(path: "/v1/webhooks/callEnd") with { Commit = true });

        await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(HttpMethod.Post, "/v1/webhooks/callEnd", Body));

        Assert.Single((await _api.GetWebhooksAsync()).Webhooks);
        var log = Assert.Single(await _api.GetRequestsAsync());
        Assert.Equal(("POST", 0, "drop"), (log.Method, log.Status, log.Fault));
    }
}
