using System.Text;
using System.Text.RegularExpressions;

namespace Rinkel.FakeApi.Tests;

public sealed class ListingTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private readonly FakeRinkelApi _api = fixture.Api;

    public Task InitializeAsync() => _api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(0, 50)]
    [InlineData(1, 50)]
    [InlineData(50, 50)]
    [InlineData(51, 50)]
    [InlineData(137, 50)]
    [InlineData(137, 10)]
    public async Task Pages_add_up_with_meta_and_links(int users, int perPage)
    {
        await _api.ConfigureAsync(new FakeApiConfig { Users = users });
        var expectedPages = (users + perPage - 1) / perPage;
        var ids = new List<string>();
        for (var page = 1; page <= expectedPages + 1; page++)
        {
            var body = await Http.GetJsonAsync(_api, $"/v1/users?page={page}&perPage={perPage}");
            var data = body.GetProperty("data");
            var expectedCount = Math.Clamp(users - ((page - 1) * perPage), 0, perPage);
            Assert.Equal(expectedCount, data.GetArrayLength());
            ids.AddRange(data.EnumerateArray().Select(u => u.GetProperty("id").GetString()!));

            var pagination = body.GetProperty("meta").GetProperty("pagination");
            Assert.Equal(users, pagination.GetProperty("totalItems").GetInt32());
            Assert.Equal(expectedPages, pagination.GetProperty("totalPages").GetInt32());
            Assert.Equal(page, pagination.GetProperty("currentPage").GetInt32());
            Assert.Equal(perPage, pagination.GetProperty("perPage").GetInt32());

            // Absolute, and without /v1, like the real API.
            var links = body.GetProperty("meta").GetProperty("links");
            string Link(int p) => $"{_api.Origin()}/users?page={p}&perPage={perPage}";
            Assert.Equal(Link(page), links.GetProperty("self").GetString());
            Assert.Equal(Link(1), links.GetProperty("first").GetString());
            Assert.Equal(Link(Math.Max(1, expectedPages)), links.GetProperty("last").GetString());
            Assert.Equal(page > 1 ? Link(page - 1) : null, links.GetProperty("previous").GetString());
            Assert.Equal(page < expectedPages ? Link(page + 1) : null, links.GetProperty("next").GetString());
        }

        Assert.Equal(Enumerable.Range(0, users).Select(i => FakeRinkelApi.UserId(i)), ids);
    }

    [Fact]
    public async Task Defaults_are_page_1_of_10()
    {
        var body = await Http.GetJsonAsync(_api, "/v1/users");
        Assert.Equal(10, body.GetProperty("data").GetArrayLength());
        var pagination = body.GetProperty("meta").GetProperty("pagination");
        Assert.Equal(1, pagination.GetProperty("currentPage").GetInt32());
        Assert.Equal(10, pagination.GetProperty("perPage").GetInt32());
        Assert.Equal(14, pagination.GetProperty("totalPages").GetInt32());
        Assert.Equal(FakeRinkelApi.UserId(0), body.GetProperty("data")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Page_far_past_the_end_is_an_empty_200()
    {
        var body = await Http.GetJsonAsync(_api, "/v1/users?page=999999&perPage=50");
        Assert.Equal(0, body.GetProperty("data").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("meta").GetProperty("links").GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task No_meta_mode_answers_only_data()
    {
        await _api.ConfigureAsync(new FakeApiConfig { Meta = false, Users = 51 });
        var first = await Http.GetJsonAsync(_api, "/v1/users?perPage=50");
        Assert.Equal(["data"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(50, first.GetProperty("data").GetArrayLength());
        var second = await Http.GetJsonAsync(_api, "/v1/users?perPage=50&page=2");
        Assert.Equal(1, second.GetProperty("data").GetArrayLength());
        var third = await Http.GetJsonAsync(_api, "/v1/users?perPage=50&page=3");
        Assert.Equal(0, third.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Avatars_only_with_includeAvatars_and_without_v1()
    {
        var plain = await Http.GetJsonAsync(_api, "/v1/users?perPage=20");
        Assert.All(plain.GetProperty("data").EnumerateArray(), u => Assert.False(u.TryGetProperty("avatarUrls", out _)));

        var body = await Http.GetJsonAsync(_api, "/v1/users?perPage=20&includeAvatars=true");
        var larges = 0;
        foreach (var user in body.GetProperty("data").EnumerateArray())
        {
            var id = user.GetProperty("id").GetString();
            var avatars = user.GetProperty("avatarUrls");
            var small = avatars.GetProperty("small").GetString()!;
            Assert.Matches($"^{Regex.Escape(_api.Origin())}/users/{id}/avatar/small\\?token=[0-9a-f]+$", small);
            if (avatars.GetProperty("large").GetString() is { } large)
            {
                larges++;
                Assert.StartsWith($"{_api.Origin()}/users/{id}/avatar/large?token=", large);
            }
        }

        Assert.InRange(larges, 1, 19);
        Assert.EndsWith("&includeAvatars=true", body.GetProperty("meta").GetProperty("links").GetProperty("next").GetString());
    }

    [Fact]
    public async Task Every_documented_field_is_present_and_consistent()
    {
        var users = await AllUsersAsync(137);
        string[] expectedMembers =
        [
            "id", "initials", "firstName", "lastName", "fullName", "email", "phoneNumber", "availability", "preferences",
            "role", "locale", "notifications", "insights", "fixed", "deviceId",
        ];
        var roles = new HashSet<string>();
        var languages = new HashSet<string>();
        var countries = new HashSet<string>();
        var fixedEnabled = 0;
        foreach (var u in users)
        {
            Assert.Equal(expectedMembers, u.EnumerateObject().Select(p => p.Name));
            Assert.Equal(u.GetProperty("firstName").GetString() + " " + u.GetProperty("lastName").GetString(), u.GetProperty("fullName").GetString());
            Assert.Equal(2, u.GetProperty("initials").GetString()!.Length);

            var phone = u.GetProperty("phoneNumber");
            var cc = phone.GetProperty("countryCallingCode").GetInt32();
            var iso = phone.GetProperty("countryIsoCode").GetString()!;
            countries.Add(iso);
            Assert.Equal(iso switch { "NL" => 31, "BE" => 32, "ES" => 34, "SE" => 46, _ => -1 }, cc);
            Assert.Equal($"+{cc}{phone.GetProperty("number").GetString()}", phone.GetProperty("e164").GetString());
            Assert.Matches(@"^\+[1-9][0-9]{10}$", phone.GetProperty("e164").GetString());

            Assert.Contains(u.GetProperty("availability").GetString(), (string[])["AVAILABLE", "UNAVAILABLE"]);
            roles.Add(u.GetProperty("role").GetString()!);
            Assert.Matches("^[a-z]{2}-[A-Z]{2}$", u.GetProperty("locale").GetString());

            var prefs = u.GetProperty("preferences");
            languages.Add(prefs.GetProperty("language").GetString()!);
            Assert.Contains(prefs.GetProperty("defaultCountryCode").GetString(), (string[])["NL", "BE", "ES", "SE"]);
            Assert.Contains(prefs.GetProperty("colorMode").GetString(), (string[])["light", "dark", "system"]);
            Assert.True(prefs.GetProperty("defaultOutboundNumber").ValueKind is JsonValueKind.Null or JsonValueKind.String);
            var webphone = prefs.GetProperty("webphone");
            Assert.Matches("^ringtone[1-6]$", webphone.GetProperty("ringTone").GetString());
            Assert.True(webphone.GetProperty("ringDevice").ValueKind is JsonValueKind.True or JsonValueKind.False);
            _ = webphone.GetProperty("callWaiting").GetProperty("enabled").GetBoolean();
            _ = webphone.GetProperty("callWaiting").GetProperty("playWaitingTone").GetBoolean();
            _ = webphone.GetProperty("mohConfig").GetProperty("enabled").GetBoolean();
            Assert.Matches("^[0-9a-f]{24}$", webphone.GetProperty("mohConfig").GetProperty("music").GetString());

            var notifications = u.GetProperty("notifications");
            Assert.Equal(["missedCalls", "callOutsideBusinessHours", "voicemail", "invoice"], notifications.EnumerateObject().Select(p => p.Name));
            foreach (var n in notifications.EnumerateObject())
            {
                _ = n.Value.GetProperty("enabled").GetBoolean();
                Assert.All(n.Value.GetProperty("channels").EnumerateArray(), c => Assert.Contains(c.GetString(), (string[])["email", "app"]));
            }

            _ = u.GetProperty("insights").GetProperty("enabled").GetBoolean();
            var fixedSettings = u.GetProperty("fixed");
            Assert.Contains(fixedSettings.GetProperty("ringDevice").GetString(), (string[])["mobile", "fixed"]);
            if (fixedSettings.GetProperty("enabled").GetBoolean())
            {
                fixedEnabled++;
                Assert.NotNull(fixedSettings.GetProperty("extension").GetString());
                Assert.StartsWith("+", fixedSettings.GetProperty("outboundNumber").GetString());
                Assert.NotNull(fixedSettings.GetProperty("tenantId").GetString());
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, fixedSettings.GetProperty("extension").ValueKind);
            }
        }

        Assert.Equal(["ADMIN", "ANSWERINGSERVICE", "USER"], roles.Order());
        Assert.Equal(["en", "es", "nl", "sv"], languages.Order());
        Assert.Equal(["BE", "ES", "NL", "SE"], countries.Order());
        Assert.InRange(fixedEnabled, 5, 60);
        Assert.Equal("ADMIN", users[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Names_are_often_non_ascii_and_sent_as_raw_utf8()
    {
        var reply = await Http.GetAsync(_api, "/v1/users?perPage=50");
        var text = reply.Text;
        Assert.DoesNotContain("\\u00", text);
        var names = reply.Json.GetProperty("data").EnumerateArray()
            .Select(u => u.GetProperty("fullName").GetString()!).ToList();
        Assert.True(names.Count(n => n.Any(c => c > 127)) >= 10, string.Join(", ", names));

        // The generator's full lists, as raw UTF-8 bytes on the wire somewhere in the first 1,000 users.
        await _api.ConfigureAsync(new FakeApiConfig { Users = 1000 });
        var all = new StringBuilder();
        for (var page = 1; page <= 20; page++)
        {
            all.Append((await Http.GetAsync(_api, $"/v1/users?perPage=50&page={page}")).Text);
        }

        foreach (var name in (string[])["José", "Zoë", "Søren", "Łukasz", "Anaïs", "Björn", "Siobhán", "Ngọc", "Ødegaard", "Müller", "van der Berg", "García", "Öztürk", "Kowalczyk"])
        {
            Assert.Contains($"\"{name}\"", all.ToString());
        }
    }

    [Fact]
    public async Task Emails_are_ascii_lowercase_and_unique()
    {
        var users = await AllUsersAsync(7300); // past one block of (first, last) pairs, so ".2" emails appear
        var emails = users.Select(u => u.GetProperty("email").GetString()!).ToList();
        Assert.All(emails, e => Assert.Matches(@"^[a-z-]+\.[a-z-]+(\.[0-9]+)?@example\.com$", e));
        Assert.Equal(emails.Count, emails.Distinct().Count());
        Assert.Contains(emails, e => Regex.IsMatch(e, @"\.2@"));
        var e164 = users.Select(u => u.GetProperty("phoneNumber").GetProperty("e164").GetString()).ToList();
        Assert.Equal(e164.Count, e164.Distinct().Count());
    }

    private async Task<List<JsonElement>> AllUsersAsync(int users)
    {
        await _api.ConfigureAsync(new FakeApiConfig { Users = users });
        var all = new List<JsonElement>();
        for (var page = 1; all.Count < users; page++)
        {
            var body = await Http.GetJsonAsync(_api, $"/v1/users?perPage=50&page={page}");
            all.AddRange(body.GetProperty("data").EnumerateArray());
        }

        return all;
    }
}
