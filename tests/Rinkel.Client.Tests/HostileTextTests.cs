using static Rinkel.Client.Tests.Clients;

namespace Rinkel.Client.Tests;

/// <summary>
/// A server that quotes the key back, or puts terminal control sequences in its reason phrase, headers and error
/// messages: every message the client builds from that text is redacted and neutralised, over real HTTP.
/// </summary>
public sealed class HostileTextTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    // Clear screen, an OSC window title, a bidirectional override, a forged line break and a C1 CSI.
    internal const string Hostile = "Oops\u001b[2J\u001b]0;pwned\u0007 \u202Etxt.exe\u202C\r\nWARNING: forged \u009b31m";

    private FakeRinkelApi Api => fixture.Api;

    public Task InitializeAsync() => Api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Nothing a terminal would act on, in any form the client produces.</summary>
    internal static void AssertInert(string? text)
    {
        if (text is null) return;
        Assert.DoesNotContain(text, c => char.IsControl(c));
        Assert.DoesNotContain(text, c => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F');
    }

    [Fact]
    public async Task A_key_echoed_in_the_error_body_is_redacted_from_the_exception_and_its_properties()
    {
        await Api.AddFaultsAsync(FakeFault.Status(403, path: "/v1/users/*") with { EchoApiKey = true });
        using var client = Create(Api);

        var (_, error, _) = await GetAsync(client, Id(1));

        Assert.Equal(RinkelErrorKind.PermissionDenied, error?.Kind);
        foreach (var text in new[] { error!.Message, error.ToString(), error.ApiMessage, error.Detail })
        {
            Assert.DoesNotContain(Api.ApiKey, text);
            Assert.Contains(SecretRedactor.Placeholder, text);
        }
        Assert.Contains("Forbidden (key [redacted])", error.Message);
    }

    [Fact]
    public async Task Control_sequences_in_the_reason_phrase_and_the_API_message_are_made_visible_not_obeyed()
    {
        await Api.AddFaultsAsync(FakeFault.Status(400, path: "/v1/users/*") with { ReasonPhrase = "Bad\u001b[2JRequest", Message = Hostile });
        using var client = Create(Api);
        var observer = new RecordingObserver();

        var (_, error, _) = await GetAsync(client, Id(1), observer);

        Assert.Equal(400, error?.StatusCode);
        AssertInert(error!.Message);
        AssertInert(error.ApiMessage);
        AssertInert(error.Detail);
        Assert.Contains("400 Bad\\x1B[2JRequest", error.Message);
        Assert.Contains("Oops\\x1B[2J\\x1B]0;pwned\\x07 \\u202Etxt.exe\\u202C  WARNING: forged \\x9B31m", error.ApiMessage);
        var trace = Assert.Single(observer.Requests);
        Assert.Equal("Bad\\x1B[2JRequest", trace.ReasonPhrase);
    }

    [Fact]
    public async Task Control_characters_in_header_values_are_neutralised_in_the_trace()
    {
        await Api.AddFaultsAsync(FakeFault.Status(404, path: "/v1/users/*") with
        {
            Headers = new() { ["X-Hostile"] = "a\u009b2Jb\u009d0;title\u009c" },
        });
        using var client = Create(Api);
        var observer = new RecordingObserver();

        await GetAsync(client, Id(1), observer);

        var trace = Assert.Single(observer.Requests);
        var header = Assert.Single(trace.ResponseHeaders, h => h.Key == "X-Hostile");
        Assert.Equal("a\\x9B2Jb\\x9D0;title\\x9C", header.Value);
        Assert.All(trace.ResponseHeaders, h => AssertInert(h.Value));
    }

    [Fact]
    public async Task Retry_reasons_carry_the_cleaned_reason_phrase()
    {
        await Api.AddFaultsAsync(FakeFault.Status(503, path: "/v1/users/*") with { ReasonPhrase = "Busy\u001b]0;x\u0007" });
        using var client = Create(Api);
        var observer = new RecordingObserver();

        var (user, _, _) = await GetAsync(client, Id(1), observer);

        Assert.NotNull(user);
        var retry = Assert.Single(observer.Retries);
        Assert.Equal("503 Busy\\x1B]0;x\\x07", retry.Reason);
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a\u001b[31mred", "a\\x1B[31mred")]
    [InlineData("tab\tand\r\nlines\u2028too", "tab and  lines too")]
    [InlineData("\u202Eevil\u2066\u2069\u200F\u061C", "\\u202Eevil\\u2066\\u2069\\u200F\\u061C")]
    [InlineData("c1 \u0085 \u009b \u007f", "c1   \\x9B \\x7F")]
    [InlineData("Émile Dubois 日本", "Émile Dubois 日本")]
    public void Neutralize_replaces_only_what_steers_a_terminal(string input, string expected) =>
        Assert.Equal(expected, ServerText.Neutralize(input));

    [Fact]
    public void Broken_surrogates_become_replacement_characters_and_pairs_stay()
    {
        // Built at run time: a lone surrogate does not survive an attribute's metadata encoding.
        var input = "lone " + (char)0xD800 + " pair \ud83d\ude00 " + (char)0xDC00;
        Assert.Equal("lone \uFFFD pair \ud83d\ude00 \uFFFD", ServerText.Neutralize(input));
    }

    [Fact]
    public void Clean_caps_long_text_and_redacts_before_cutting()
    {
        var secrets = new SecretRedactor();
        secrets.Add("temporary-url-token-0123456789");
        var text = new string('x', 1020) + "temporary-url-token-0123456789" + new string('y', 5000);

        var clean = ServerText.Clean(text, secrets)!;

        Assert.StartsWith(new string('x', 1020) + "[red", clean);
        Assert.EndsWith("…", clean);
        Assert.DoesNotContain("temporary-url-token", clean);
        Assert.Null(ServerText.Clean("\r\n\t "));
    }

    [Fact]
    public void The_key_is_redacted_wherever_it_occurs_and_a_disposed_key_withholds_the_text()
    {
        var key = RinkelApiKey.FromPlainText("sk_live_canary_1234567890");
        var secrets = new SecretRedactor();
        secrets.Add(key);

        Assert.Equal("a [redacted] b [redacted][redacted] sk_live_canary_123456789",
            secrets.Redact("a sk_live_canary_1234567890 b sk_live_canary_1234567890sk_live_canary_1234567890 sk_live_canary_123456789"));
        Assert.Equal("nothing here", secrets.Redact("nothing here"));

        key.Dispose();
        Assert.DoesNotContain("sk_live", secrets.Redact("sk_live_canary_1234567890"));
    }

    [Fact]
    public void A_revealed_key_is_overwritten_in_place_once_sent()
    {
        var key = RinkelApiKey.FromPlainText("sk_live_canary_1234567890");
        var revealed = key.Reveal();
        Assert.Equal("sk_live_canary_1234567890", revealed);

        RinkelApiKey.Scrub(revealed);

        Assert.Equal(new string('\0', 25), revealed);
        Assert.Equal("sk_live_canary_1234567890", key.Reveal()); // the key itself is untouched
    }

    [Fact]
    public void Short_plain_secrets_are_ignored_so_ordinary_words_survive()
    {
        var secrets = new SecretRedactor();
        secrets.Add("user");
        Assert.Equal("user not found", secrets.Redact("user not found"));
    }
}
