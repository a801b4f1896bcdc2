using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Rinkel.FakeApi.Tests;

public sealed class FaultTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private readonly FakeRinkelApi _api = fixture.Api;

    public Task InitializeAsync() => _api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(400, "BAD_REQUEST")]
    [InlineData(403, "FORBIDDEN")]
    [InlineData(429, "TOO_MANY_REQUESTS")]
    [InlineData(500, "INTERNAL_SERVER_ERROR")]
    [InlineData(502, "BAD_GATEWAY")]
    [InlineData(503, "SERVICE_UNAVAILABLE")]
    [InlineData(504, "GATEWAY_TIMEOUT")]
    public async Task A_status_fault_answers_once_with_the_error_body(int status, string code)
    {
        await _api.AddFaultsAsync(FakeFault.Status(status));
        var reply = await Http.GetAsync(_api, "/v1/users");
        reply.AssertError((HttpStatusCode)status, code);
        Assert.Null(reply.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(_api, "/v1/users")).Status);

        var log = await _api.GetRequestsAsync();
        Assert.Equal(("status", status), (log[0].Fault, log[0].Status));
        Assert.Equal((null, 200), (log[1].Fault, log[1].Status));
    }

    [Fact]
    public async Task Retry_after_in_seconds_and_as_a_date()
    {
        await _api.AddFaultsAsync(FakeFault.RateLimited(retryAfterSeconds: 2), FakeFault.RateLimited(retryAfterDateSeconds: 30));
        var seconds = await Http.GetAsync(_api, "/v1/users");
        seconds.AssertError(HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
        Assert.Equal(TimeSpan.FromSeconds(2), seconds.Headers.RetryAfter?.Delta);

        var date = await Http.GetAsync(_api, "/v1/users");
        Assert.Equal(HttpStatusCode.TooManyRequests, date.Status);
        var when = date.Headers.RetryAfter?.Date;
        Assert.NotNull(when);
        Assert.InRange(when.Value, DateTimeOffset.UtcNow.AddSeconds(25), DateTimeOffset.UtcNow.AddSeconds(35));
        Assert.EndsWith(" GMT", date.Headers.GetValues("Retry-After").Single());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("soon")]
    public async Task A_raw_Retry_After_is_sent_exactly_as_given(string raw)
    {
        await _api.AddFaultsAsync(FakeFault.RateLimited() with { RetryAfterRaw = raw }, FakeFault.Status(503) with { RetryAfterRaw = raw });
        foreach (var status in new[] { HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable })
        {
            var reply = await Http.GetAsync(_api, "/v1/users");
            Assert.Equal(status, reply.Status);
            Assert.Equal(raw, reply.Headers.GetValues("Retry-After").Single());
        }
    }

    [Fact]
    public async Task Hostile_status_faults_send_their_reason_phrase_message_headers_and_the_echoed_key()
    {
        await _api.AddFaultsAsync(FakeFault.Status(403, path: "/v1/users/*") with
        {
            ReasonPhrase = "No\u001b[2J",
            Message = "msg\u202Eevil",
            EchoApiKey = true,
            Headers = new() { ["X-Hostile"] = "a\u009bb" },
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, _api.Origin() + "/v1/users/x");
        request.Headers.Add("x-rinkel-api-key", _api.ApiKey);
        using var response = await Http.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("No\u001b[2J", response.ReasonPhrase);
        Assert.Equal("a\u009bb", response.Headers.GetValues("X-Hostile").Single());
        var error = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("errors")[0];
        Assert.Equal($"msg\u202Eevil (key {_api.ApiKey})", error.GetProperty("message").GetString());
        Assert.Contains(_api.ApiKey, error.GetProperty("detail").GetString());
        Assert.Equal("FORBIDDEN", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_raw_body_is_sent_as_given()
    {
        await _api.AddFaultsAsync(FakeFault.RawBody(500, "<oops>", "text/plain"), FakeFault.RawBody(400, "{\"message\":\"other shape\"}"));
        var text = await Http.GetAsync(_api, "/v1/users");
        Assert.Equal((HttpStatusCode.InternalServerError, "<oops>", "text/plain"), (text.Status, text.Text, text.MediaType));
        var json = await Http.GetAsync(_api, "/v1/users");
        Assert.Equal((HttpStatusCode.BadRequest, "{\"message\":\"other shape\"}", "application/json"), (json.Status, json.Text, json.MediaType));
    }

    [Fact]
    public async Task Times_matchers_and_fifo_order()
    {
        await _api.AddFaultsAsync(
            FakeFault.Status(503, path: "/v1/users/*", times: 2),
            FakeFault.Status(502, page: 2),
            FakeFault.Status(500, path: "/v1/users"),
            FakeFault.Status(504));

        // The listing skips the single-user fault; page 1 skips the page-2 fault.
        Assert.Equal(HttpStatusCode.InternalServerError, (await Http.GetAsync(_api, "/v1/users?page=1")).Status);
        Assert.Equal(HttpStatusCode.BadGateway, (await Http.GetAsync(_api, "/v1/users?page=2")).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Http.GetAsync(_api, "/v1/users/" + FakeRinkelApi.UserId(1))).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Http.GetAsync(_api, "/v1/users/" + FakeRinkelApi.UserId(2))).Status);
        Assert.Equal(HttpStatusCode.GatewayTimeout, (await Http.GetAsync(_api, "/v1/users/" + FakeRinkelApi.UserId(3))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(_api, "/v1/users/" + FakeRinkelApi.UserId(3))).Status);
    }

    [Fact]
    public async Task Clearing_faults_empties_the_queue()
    {
        await _api.AddFaultsAsync(FakeFault.Status(500, times: 5));
        await _api.ClearFaultsAsync();
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(_api, "/v1/users")).Status);
    }

    [Fact]
    public async Task A_delay_longer_than_the_client_timeout_is_a_timeout()
    {
        await _api.AddFaultsAsync(FakeFault.Delay(5_000));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Http.GetAsync(_api, "/v1/users", timeout: TimeSpan.FromMilliseconds(300)));

        // The server notices the client leaving and logs no response.
        FakeRequest entry = null!;
        for (var i = 0; i < 50 && entry?.Status != 0; i++)
        {
            entry = Assert.Single(await _api.GetRequestsAsync());
            await Task.Delay(20);
        }

        Assert.Equal(("delay", 0), (entry.Fault, entry.Status));
    }

    [Fact]
    public async Task A_short_delay_then_answers_normally()
    {
        await _api.AddFaultsAsync(FakeFault.Delay(300));
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(_api, "/v1/users")).Status);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"{watch.ElapsedMilliseconds} ms");
        var entry = Assert.Single(await _api.GetRequestsAsync());
        Assert.Equal(("delay", 200), (entry.Fault, entry.Status));
        Assert.True(entry.ElapsedMs >= 290, $"{entry.ElapsedMs} ms");
    }

    [Fact]
    public async Task A_drop_aborts_the_connection()
    {
        await _api.AddFaultsAsync(FakeFault.Drop());
        await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync(_api, "/v1/users"));
        var entry = Assert.Single(await _api.GetRequestsAsync());
        Assert.Equal(("drop", 0), (entry.Fault, entry.Status));
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(_api, "/v1/users")).Status);
    }

    [Fact]
    public async Task Malformed_invalid_json()
    {
        await _api.AddFaultsAsync(FakeFault.Malformed(MalformedVariant.InvalidJson));
        var reply = await Http.GetAsync(_api, "/v1/users");
        Assert.Equal((HttpStatusCode.OK, "application/json"), (reply.Status, reply.MediaType));
        Assert.StartsWith("{\"data\":[{\"id\":", reply.Text);
        Assert.ThrowsAny<JsonException>(() => reply.Json);
        Assert.Equal("malformed", Assert.Single(await _api.GetRequestsAsync()).Fault);
    }

    [Fact]
    public async Task Malformed_truncated_is_half_a_page_with_a_matching_content_length()
    {
        var whole = await Http.GetAsync(_api, "/v1/users?perPage=50&page=2");
        await _api.AddFaultsAsync(FakeFault.Malformed(MalformedVariant.Truncated));
        var cut = await Http.GetAsync(_api, "/v1/users?perPage=50&page=2");
        Assert.Equal(HttpStatusCode.OK, cut.Status);
        Assert.Equal(whole.Body.Length / 2, cut.Body.Length);
        Assert.Equal(cut.Body.Length, cut.ContentLength);
        Assert.Equal(whole.Body.AsSpan(0, cut.Body.Length).ToArray(), cut.Body);
        Assert.ThrowsAny<JsonException>(() => cut.Json);
    }

    [Theory]
    [InlineData(null, 502)]
    [InlineData(504, 504)]
    public async Task Malformed_html_is_a_proxy_error_page(int? status, int expected)
    {
        await _api.AddFaultsAsync(FakeFault.Malformed(MalformedVariant.Html, status: status));
        var reply = await Http.GetAsync(_api, "/v1/users");
        Assert.Equal((HttpStatusCode)expected, reply.Status);
        Assert.Equal("text/html", reply.MediaType);
        Assert.Contains("<html>", reply.Text);
        Assert.Contains(expected.ToString(CultureInfo.InvariantCulture), reply.Text);
    }

    [Fact]
    public async Task Malformed_empty_is_a_200_without_a_body()
    {
        await _api.AddFaultsAsync(FakeFault.Malformed(MalformedVariant.Empty));
        var reply = await Http.GetAsync(_api, "/v1/users/" + FakeRinkelApi.UserId(0));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Empty(reply.Body);
        Assert.Equal(0, reply.ContentLength);
    }

    [Fact]
    public async Task Malformed_wrong_content_type_is_valid_json_labelled_text()
    {
        await _api.AddFaultsAsync(FakeFault.Malformed(MalformedVariant.WrongContentType));
        var reply = await Http.GetAsync(_api, "/v1/users?perPage=3");
        Assert.Equal((HttpStatusCode.OK, "text/plain"), (reply.Status, reply.MediaType));
        Assert.Equal(3, reply.Json.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Malformed_huge_streams_a_valid_body_of_the_given_size()
    {
        await _api.AddFaultsAsync(FakeFault.Malformed(MalformedVariant.Huge, sizeMb: 3));
        var reply = await Http.GetAsync(_api, "/v1/users");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Null(reply.ContentLength);
        Assert.InRange(reply.Body.Length, 3 * 1024 * 1024, (3 * 1024 * 1024) + 200);
        Assert.Equal(3 * 1024 * 1024, reply.Json.GetProperty("data")[0].GetProperty("firstName").GetString()!.Length);
    }

    [Fact]
    public async Task Malformed_huge_default_is_cut_off_by_a_client_limit()
    {
        await _api.AddFaultsAsync(FakeFault.Malformed(MalformedVariant.Huge));
        using var limited = new HttpClient { MaxResponseContentBufferSize = 1024 * 1024 };
        using var request = new HttpRequestMessage(HttpMethod.Get, _api.BaseUri + "/users");
        request.Headers.Add("x-rinkel-api-key", _api.ApiKey);
        await Assert.ThrowsAsync<HttpRequestException>(() => limited.SendAsync(request));
    }

    [Fact]
    public async Task Malformed_wrong_shape_for_listing_and_single()
    {
        await _api.AddFaultsAsync(FakeFault.Malformed(MalformedVariant.WrongShape), FakeFault.Malformed(MalformedVariant.WrongShape));
        var listing = await Http.GetAsync(_api, "/v1/users");
        Assert.Equal(JsonValueKind.Object, listing.Json.GetProperty("data").ValueKind);
        Assert.True(listing.Json.GetProperty("data").GetProperty("unexpected").GetBoolean());
        var single = await Http.GetAsync(_api, "/v1/users/" + FakeRinkelApi.UserId(0));
        Assert.Equal(HttpStatusCode.OK, single.Status);
        Assert.Equal("[]", single.Text);
    }

    [Fact]
    public async Task Rewrite_serves_another_page_or_the_APIs_own_page_size()
    {
        var page3 = await Http.GetAsync(_api, "/v1/users?perPage=50&page=3");
        await _api.AddFaultsAsync(FakeFault.Rewrite(page: 1) with { ServePage = 3 }, FakeFault.Rewrite() with { PageSize = 20 });

        var served = await Http.GetAsync(_api, "/v1/users?perPage=50&page=1");
        Assert.Equal(page3.Json.GetProperty("data").GetRawText(), served.Json.GetProperty("data").GetRawText());
        var small = await Http.GetAsync(_api, "/v1/users?perPage=50&page=2");
        Assert.Equal(20, small.Json.GetProperty("data").GetArrayLength());
        Assert.Equal(FakeRinkelApi.UserId(20), small.Json.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal(20, small.Json.GetProperty("meta").GetProperty("pagination").GetProperty("perPage").GetInt32());
        Assert.Equal([null, "rewrite", "rewrite"], (await _api.GetRequestsAsync()).Select(r => r.Fault));
    }

    [Fact]
    public async Task Rewrite_changes_data_meta_and_a_single_items_id()
    {
        await _api.AddFaultsAsync(
            FakeFault.Rewrite() with { NullEntries = 3 },
            FakeFault.Rewrite() with { EmptyData = true, Pagination = """{"perPage":50.0,"totalItems":null}""" },
            FakeFault.Rewrite() with { NoMeta = true },
            FakeFault.Rewrite(path: "/v1/users/*") with { ItemId = "other" });

        var nulls = (await Http.GetAsync(_api, "/v1/users?perPage=50")).Json.GetProperty("data");
        Assert.Equal(50, nulls.GetArrayLength());
        Assert.Equal(3, nulls.EnumerateArray().Count(e => e.ValueKind == JsonValueKind.Null));
        var empty = await Http.GetAsync(_api, "/v1/users?perPage=50");
        Assert.Equal(0, empty.Json.GetProperty("data").GetArrayLength());
        Assert.Contains("\"perPage\":50.0", empty.Text);
        Assert.Equal(JsonValueKind.Null, empty.Json.GetProperty("meta").GetProperty("pagination").GetProperty("totalItems").ValueKind);
        Assert.Equal(3, empty.Json.GetProperty("meta").GetProperty("pagination").GetProperty("totalPages").GetInt32());
        Assert.False((await Http.GetAsync(_api, "/v1/users")).Json.TryGetProperty("meta", out _));
        var single = await Http.GetAsync(_api, "/v1/users/" + FakeRinkelApi.UserId(4));
        Assert.Equal("other", single.Json.GetProperty("data").GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(single.Json.GetProperty("data").GetProperty("fullName").GetString()));
    }

    [Fact]
    public async Task Invalid_faults_and_config_are_rejected_by_the_control_api()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _api.AddFaultsAsync(new FakeFault { Kind = "explode" }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _api.AddFaultsAsync(FakeFault.Malformed("bogus")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _api.AddFaultsAsync(FakeFault.Status(503) with { Times = 0 }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _api.AddFaultsAsync(FakeFault.Drop() with { EchoApiKey = true }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _api.AddFaultsAsync(FakeFault.Status(500) with { ReasonPhrase = "a\r\nX: y" }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _api.AddFaultsAsync(FakeFault.Rewrite()));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _api.AddFaultsAsync(FakeFault.Rewrite() with { Pagination = "[1]" }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _api.AddFaultsAsync(FakeFault.Rewrite() with { PageSize = 51 }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _api.ConfigureAsync(new FakeApiConfig { Users = -1 }));
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(_api, "/v1/users")).Status);
    }

    [Fact]
    public async Task Latency_delays_every_api_request()
    {
        await _api.ConfigureAsync(new FakeApiConfig { LatencyMs = 250 });
        var watch = Stopwatch.StartNew();
        await Http.GetAsync(_api, "/v1/users", key: "");
        Assert.True(watch.ElapsedMilliseconds >= 240, $"{watch.ElapsedMilliseconds} ms");
        Assert.True(Assert.Single(await _api.GetRequestsAsync()).ElapsedMs >= 240);
    }
}
