using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

public sealed class CompletionTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private const string Complete = """
        $line = $args[0]
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches |
            ForEach-Object { $_.CompletionText + '|' + $_.ListItemText + '|' + $_.ToolTip }
        """;

    [Fact]
    public async Task Id_completes_from_a_cached_listing_with_the_name_in_the_list_text()
    {
        Connect();
        await Api.ClearRequestsAsync();

        var prefix = FakeRinkelApi.UserId(5)[..20];
        var byId = Session.Run(Complete, "Get-RinkelUser -Id " + prefix).ThrowIfFailed().Output.Select(o => o.ToString()!.Split('|')).ToList();
        var match = Assert.Single(byId, m => m[0] == FakeRinkelApi.UserId(5));
        Assert.Matches(@"^\S.* \([0-9a-f]{24}\)$", match[1]);
        Assert.Contains("@example.com", match[2]);

        var listingRequests = (await Api.GetRequestsAsync()).Count;
        Assert.True(listingRequests >= 1);

        // More keystrokes: served from the cache, no further requests.
        var name = match[1][..match[1].IndexOf(' ')];
        var byName = Session.Run(Complete, "Get-RinkelUser -Id " + name).ThrowIfFailed().Output.Select(o => o.ToString()!.Split('|')[0]).ToList();
        Assert.Contains(byName, text => text.StartsWith(FakeRinkelApi.UserId(5) + " <# ", StringComparison.Ordinal));
        Session.Run(Complete, "Get-RinkelUser -Id " + prefix[..10]).ThrowIfFailed();
        Assert.Equal(listingRequests, (await Api.GetRequestsAsync()).Count);
    }

    private List<string[]> Completions(string line) =>
        Session.Run(Complete, line).ThrowIfFailed().Output.Select(o => o.ToString()!.Split('|')).ToList();

    /// <summary>PSReadLine's Complete (Emacs mode): the longest prefix, ignoring case, that every completion text shares.</summary>
    private static string CommonPrefix(IEnumerable<string> texts) =>
        texts.Aggregate((a, b) => new string(a.TakeWhile((c, i) => i < b.Length && char.ToLowerInvariant(c) == char.ToLowerInvariant(b[i])).ToArray()));

    [Fact]
    public void A_name_shared_by_several_users_keeps_the_typed_word_in_Emacs_mode_and_cycles_back_to_it()
    {
        Connect();
        Session.WithUtility();
        var name = Session.Run("Get-RinkelUser | Group-Object FirstName | Where-Object Count -ge 2 | Select-Object -First 1 -ExpandProperty Name")
            .ThrowIfFailed().Output[0].ToString()!;
        var word = name.ToLowerInvariant();

        var results = Completions("Get-RinkelUser -Id " + word);

        Assert.True(results.Count >= 3, $"'{word}' should match at least two users");
        Assert.Equal("", CommonPrefix(results.Select(r => r[0])));                 // Tab leaves the word as typed
        Assert.Equal(word, results[^1][0]);                                        // the last entry is the word itself
        Assert.All(results.SkipLast(1), r => Assert.Matches(@"^[0-9a-f]{24} <# .+ #>$", r[0]));
        Assert.All(results.SkipLast(1), r => Assert.Contains(name, r[1]));
    }

    [Fact]
    public async Task A_name_past_the_first_two_thousand_users_completes()
    {
        await Api.ConfigureAsync(new FakeApiConfig { Users = 2600 });
        Connect();
        var id = FakeRinkelApi.UserId(2500);
        var fullName = Session.Run("(Get-RinkelUser -Id $args[0]).FullName", id).ThrowIfFailed().Output[0].ToString()!;

        var results = Completions("Get-RinkelUser -Id '" + fullName);

        Assert.Contains(results, r => r[0].StartsWith(id + " <# " + fullName + " #>", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_match_without_accents_and_at_most_100_users_are_offered()
    {
        Connect();
        var accented = Session.Run("Get-RinkelUser | Where-Object FullName -cmatch 'á'").ThrowIfFailed().Output[0];
        var plain = ((string)accented.Properties["FullName"].Value).Replace('á', 'a');
        Assert.Contains(Completions("Get-RinkelUser -Id '" + plain), r => r[0].StartsWith((string)accented.Properties["Id"].Value, StringComparison.Ordinal));

        Assert.Equal(100, Completions("Get-RinkelUser -Id ").Count);
    }

    [Fact]
    public void Not_connected_completes_nothing_silently()
    {
        var result = Session.Run(Complete, "Get-RinkelUser -Id 64");
        Assert.Empty(result.AllErrors);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task A_failing_API_completes_nothing_silently()
    {
        await Api.AddFaultsAsync(FakeFault.Status(401, times: 50));
        Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1]", FakeApiFixture.Secure(Api.ApiKey), Api.BaseUri);
        await Api.ClearFaultsAsync();
        Connect();
        await Api.AddFaultsAsync(FakeFault.Status(500, times: 50));
        var result = Session.Run(Complete, "Get-RinkelUser -Id 64");
        Assert.Empty(result.AllErrors);
        Assert.Empty(result.Output);
    }
}
