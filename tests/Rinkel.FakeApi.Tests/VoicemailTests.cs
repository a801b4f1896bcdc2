using System.Net;

namespace Rinkel.FakeApi.Tests;

/// <summary>GET /voicemails and /voicemails/new-count: call records with status VOICEMAIL, where "new" overrides every filter.</summary>
public sealed class VoicemailTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private readonly FakeRinkelApi _api = fixture.Api;

    public Task InitializeAsync() => _api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Voicemails_are_the_voicemail_call_records()
    {
        var voicemails = await CallPages.AllAsync(_api, "", "/v1/voicemails");
        var records = await CallPages.AllAsync(_api, "status=VOICEMAIL");
        Assert.NotEmpty(voicemails);
        Assert.Equal(records.Select(r => r.GetRawText()), voicemails.Select(r => r.GetRawText()));
    }

    [Theory]
    [InlineData("isAnonymous=false")]
    [InlineData("hasNotes=true")]
    [InlineData("datePreset=LAST-TWO-WEEKS")]
    [InlineData("sortOrder=ASC")]
    public async Task Documented_filters_apply(string query)
    {
        var expected = await CallPages.AllAsync(_api, "status=VOICEMAIL&" + query);
        var actual = await CallPages.AllAsync(_api, query, "/v1/voicemails");
        Assert.Equal(expected.Select(CallPages.Id), actual.Select(CallPages.Id));
    }

    [Fact]
    public async Task Filters_it_does_not_document_are_ignored()
    {
        var all = await CallPages.AllAsync(_api, "", "/v1/voicemails");
        var withDirection = await CallPages.AllAsync(_api, "direction=OUTBOUND&status=MISSED&filter=zzzz", "/v1/voicemails");
        Assert.Equal(all.Select(CallPages.Id), withDirection.Select(CallPages.Id));
    }

    [Fact]
    public async Task New_wins_over_every_other_filter_and_matches_the_count()
    {
        var all = await CallPages.AllAsync(_api, "", "/v1/voicemails");
        var unplayed = all.Where(v => v.GetProperty("voicemail").GetProperty("new").GetBoolean()).Select(CallPages.Id).ToList();
        Assert.NotEmpty(unplayed);
        Assert.Equal(unplayed, (await CallPages.AllAsync(_api, "new=true", "/v1/voicemails")).Select(CallPages.Id));
        Assert.Equal(unplayed, (await CallPages.AllAsync(_api, "new=true&isAnonymous=true&startDate=0&endDate=1&sortOrder=ASC", "/v1/voicemails")).Select(CallPages.Id));
        Assert.Equal(all.Count - unplayed.Count, (await CallPages.AllAsync(_api, "new=false&hasNotes=true", "/v1/voicemails")).Count);

        var count = (await Http.GetJsonAsync(_api, "/v1/voicemails/new-count")).GetProperty("data").GetProperty("count").GetInt32();
        Assert.Equal(unplayed.Count, count);
        (await Http.GetAsync(_api, "/v1/voicemails?new=yes")).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }
}
