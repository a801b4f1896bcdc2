namespace Rinkel.FakeApi.Tests;

public sealed class OddModeTests
{
    [Fact]
    public async Task Odd_users_follow_the_documented_index_rules_and_can_be_switched_off()
    {
        await using var api = await FakeRinkelApi.StartAsync(new FakeApiOptions { Odd = true, Users = 137 });
        var users = await ListAsync(api);
        var seen = new HashSet<string>();
        for (var i = 0; i < users.Count; i++)
        {
            var u = users[i];
            Assert.Equal(FakeRinkelApi.UserId(i), u.GetProperty("id").GetString());
            Check(FakeOddities.IsBusy(i), u.GetProperty("availability").GetString() == "BUSY", "busy");
            Check(FakeOddities.IsLowercaseRole(i), u.GetProperty("role").GetString() == "user", "role");
            Check(FakeOddities.HasTeams(i), u.TryGetProperty("teams", out _), "teams");
            Check(FakeOddities.LacksPhoneNumber(i), !u.TryGetProperty("phoneNumber", out _), "phone");
            Check(FakeOddities.HasNullWebphone(i), u.GetProperty("preferences").GetProperty("webphone").ValueKind == JsonValueKind.Null, "webphone");
            var avatars = u.GetProperty("avatarUrls");
            Check(FakeOddities.HasNullAvatars(i), avatars.GetProperty("small").ValueKind == JsonValueKind.Null && avatars.GetProperty("large").ValueKind == JsonValueKind.Null, "avatars");
            var channels = u.GetProperty("notifications").EnumerateObject().SelectMany(n => n.Value.GetProperty("channels").EnumerateArray()).Select(c => c.GetString());
            Check(FakeOddities.HasSmsChannel(i), channels.Contains("sms"), "sms");
            Check(FakeOddities.LacksFixed(i), !u.TryGetProperty("fixed", out _), "fixed");

            void Check(bool expected, bool actual, string what)
            {
                Assert.True(expected == actual, $"user {i}: {what} expected {expected}");
                if (actual)
                {
                    seen.Add(what);
                }
            }
        }

        Assert.Equal(8, seen.Count);
        foreach (var clean in (int[])[0, 1, 2, 4])
        {
            Assert.Equal(users[clean].GetRawText(), (await ListAsync(api))[clean].GetRawText());
        }

        // The same users, clean, once odd mode is off at runtime.
        await api.ConfigureAsync(new FakeApiConfig { Odd = false });
        AssertClean(await ListAsync(api));
        Assert.Equal(users[0].GetRawText(), (await ListAsync(api))[0].GetRawText());
    }

    [Fact]
    public async Task Without_odd_mode_every_user_is_clean()
    {
        await using var api = await FakeRinkelApi.StartAsync();
        AssertClean(await ListAsync(api));
    }

    private static void AssertClean(List<JsonElement> users) =>
        Assert.All(users, u =>
        {
            Assert.Contains(u.GetProperty("availability").GetString(), (string[])["AVAILABLE", "UNAVAILABLE"]);
            Assert.Contains(u.GetProperty("role").GetString(), (string[])["ADMIN", "USER", "ANSWERINGSERVICE"]);
            Assert.False(u.TryGetProperty("teams", out _));
            Assert.True(u.TryGetProperty("phoneNumber", out _));
            Assert.True(u.TryGetProperty("fixed", out _));
            Assert.Equal(JsonValueKind.Object, u.GetProperty("preferences").GetProperty("webphone").ValueKind);
            Assert.Equal(JsonValueKind.String, u.GetProperty("avatarUrls").GetProperty("small").ValueKind);
            Assert.DoesNotContain("\"sms\"", u.GetRawText());
        });

    private static async Task<List<JsonElement>> ListAsync(FakeRinkelApi api)
    {
        var all = new List<JsonElement>();
        for (var page = 1; page <= 3; page++)
        {
            var body = await Http.GetJsonAsync(api, $"/v1/users?perPage=50&page={page}&includeAvatars=true");
            all.AddRange(body.GetProperty("data").EnumerateArray());
        }

        return all;
    }
}
