using System.Net;
using System.Security.Cryptography;

namespace Rinkel.FakeApi.Tests;

/// <summary>GET /numbers, /recordings, the .../stream endpoints and the tokenised /audio host.</summary>
public sealed class MediaTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private readonly FakeRinkelApi _api = fixture.Api;

    public Task InitializeAsync() => _api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> StreamUrlAsync(string path)
    {
        var data = (await Http.GetJsonAsync(_api, path)).GetProperty("data");
        return data.GetProperty("url").GetString()!;
    }

    private static async Task<Reply> GetAbsoluteAsync(string url, string? range = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (range != null) request.Headers.Add("Range", range);
        using var response = await Http.Client.SendAsync(request);
        return new Reply(response.StatusCode, response.Headers, response.Content.Headers, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Numbers_are_the_ones_users_and_call_records_refer_to()
    {
        var numbers = (await Http.GetJsonAsync(_api, "/v1/numbers?perPage=50")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 6).Select(i => FakeRinkelApi.NumberId(i)), numbers.Select(n => n.GetProperty("id").GetString()));
        var users = (await Http.GetJsonAsync(_api, "/v1/users?perPage=50")).GetProperty("data").EnumerateArray();
        var outbound = users.Select(u => u.GetProperty("preferences").GetProperty("defaultOutboundNumber"))
            .Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()).ToHashSet();
        Assert.Subset(numbers.Select(n => n.GetProperty("id").GetString()).ToHashSet(), outbound);
        var calls = (await Http.GetJsonAsync(_api, "/v1/call-detail-records?perPage=50")).GetProperty("data").EnumerateArray();
        foreach (var internalNumber in calls.Select(c => c.GetProperty("internalNumber")))
        {
            var number = numbers.Single(n => n.GetProperty("number").GetString() == internalNumber.GetProperty("number").GetString());
            if (internalNumber.GetProperty("id").ValueKind == JsonValueKind.String)
                Assert.Equal(number.GetProperty("id").GetString(), internalNumber.GetProperty("id").GetString());
        }
    }

    [Fact]
    public async Task The_number_listing_links_point_at_users_as_documented_and_the_single_number_has_a_dial_plan()
    {
        var page = await Http.GetJsonAsync(_api, "/v1/numbers?perPage=2");
        Assert.Contains("/users?page=", page.GetProperty("meta").GetProperty("links").GetProperty("next").GetString());
        Assert.False(page.GetProperty("data")[0].TryGetProperty("dialPlan", out _));
        var single = (await Http.GetJsonAsync(_api, "/v1/numbers/" + FakeRinkelApi.NumberId(0))).GetProperty("data");
        Assert.Equal(3, single.GetProperty("dialPlanVersion").GetInt32());
        Assert.Equal(JsonValueKind.Object, single.GetProperty("dialPlan").GetProperty("voiceMenu").ValueKind);
        (await Http.GetAsync(_api, "/v1/numbers/64a6b60be7ce3a7774155263")).AssertError(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Theory]
    [InlineData("name", "ASC")]
    [InlineData("duration", "DESC")]
    [InlineData("description", "ASC")]
    public async Task Recordings_sort_on_the_server(string sort, string order)
    {
        var data = (await Http.GetJsonAsync(_api, $"/v1/recordings?perPage=50&sort={sort}&sortOrder={order}")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(50, data.Count);
        var keys = data.Select(r => r.GetProperty(sort).ValueKind == JsonValueKind.Number ? r.GetProperty(sort).GetInt32().ToString("D6") : r.GetProperty(sort).GetString()!).ToList();
        var sorted = order == "ASC" ? keys.Order(StringComparer.Ordinal) : keys.OrderDescending(StringComparer.Ordinal);
        Assert.Equal(sorted, keys);
        (await Http.GetAsync(_api, "/v1/recordings?sort=size")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Audio_urls_serve_known_bytes_honour_range_and_need_no_key()
    {
        var id = FakeRinkelApi.RecordingId(0);
        var url = await StreamUrlAsync($"/v1/recordings/{id}/stream");
        Assert.StartsWith(_api.Origin() + "/audio/recording/" + id + "?token=eyJ", url);
        var whole = await GetAbsoluteAsync(url);
        Assert.Equal(HttpStatusCode.OK, whole.Status);
        Assert.Equal("audio/mpeg", whole.MediaType);
        var recording = (await Http.GetJsonAsync(_api, "/v1/recordings/" + id)).GetProperty("data");
        var expected = FakeRinkelApi.AudioBytes("recording", id, FakeRinkelApi.AudioLength(recording.GetProperty("duration").GetInt32()));
        Assert.Equal(SHA256.HashData(expected), SHA256.HashData(whole.Body));
        Assert.Equal("ID3"u8.ToArray(), whole.Body[..3]);
        Assert.Equal([0xFF, 0xFB], whole.Body[10..12]);

        var tail = await GetAbsoluteAsync(url, "bytes=1000-");
        Assert.Equal(HttpStatusCode.PartialContent, tail.Status);
        Assert.Equal(expected[1000..], tail.Body);
        Assert.Equal($"bytes 1000-{expected.Length - 1}/{expected.Length}", tail.ContentHeaders.ContentRange?.ToString());
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await GetAbsoluteAsync(url, $"bytes={expected.Length}-")).Status);
        Assert.All((await _api.GetRequestsAsync()).Where(r => r.Path.StartsWith("/audio/")), r => Assert.False(r.HasApiKey));
    }

    [Fact]
    public async Task Wrong_tampered_and_expired_tokens_are_401()
    {
        var url = await StreamUrlAsync($"/v1/recordings/{FakeRinkelApi.RecordingId(1)}/stream");
        (await GetAbsoluteAsync(url + "x")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        (await GetAbsoluteAsync(url.Replace("/recording/" + FakeRinkelApi.RecordingId(1), "/recording/" + FakeRinkelApi.RecordingId(2)))).AssertError(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        (await GetAbsoluteAsync(url[..url.IndexOf('?')])).AssertError(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        await _api.ConfigureAsync(new FakeApiConfig { AudioTokenSeconds = 0 });
        var expired = await StreamUrlAsync($"/v1/recordings/{FakeRinkelApi.RecordingId(1)}/stream");
        var error = (await GetAbsoluteAsync(expired)).AssertError(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Contains("expired", error.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Call_recordings_and_voicemails_of_the_history_have_stream_urls_and_others_are_404()
    {
        var calls = (await Http.GetJsonAsync(_api, "/v1/call-detail-records?perPage=50&status=ANSWERED&status=VOICEMAIL")).GetProperty("data").EnumerateArray().ToList();
        var recording = calls.First(c => c.GetProperty("callRecording").ValueKind == JsonValueKind.Object).GetProperty("callRecording").GetProperty("id").GetString();
        var voicemail = calls.First(c => c.GetProperty("voicemail").ValueKind == JsonValueKind.Object).GetProperty("voicemail").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await GetAbsoluteAsync(await StreamUrlAsync($"/v1/call-recordings/{recording}/stream"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAbsoluteAsync(await StreamUrlAsync($"/v1/voicemails/{voicemail}/stream"))).Status);
        (await Http.GetAsync(_api, $"/v1/voicemails/{recording}/stream")).AssertError(HttpStatusCode.NotFound, "NOT_FOUND");
        (await Http.GetAsync(_api, $"/v1/call-recordings/{recording}/stream", key: "")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_cut_fault_sends_the_headers_and_part_of_the_body_then_drops_the_connection()
    {
        await _api.AddFaultsAsync(FakeFault.Cut());
        var url = await StreamUrlAsync($"/v1/recordings/{FakeRinkelApi.RecordingId(3)}/stream");
        await Assert.ThrowsAnyAsync<Exception>(() => GetAbsoluteAsync(url));
        var log = Assert.Single(await _api.GetRequestsAsync(), r => r.Path.StartsWith("/audio/"));
        Assert.Equal(("cut", 200), (log.Fault, log.Status));
    }
}
