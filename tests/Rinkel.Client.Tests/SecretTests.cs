using System.Collections;
using System.Reflection;
using System.Security;
using static Rinkel.Client.Tests.Clients;

namespace Rinkel.Client.Tests;

public sealed class SecretTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private FakeRinkelApi Api => fixture.Api;

    public Task InitializeAsync() => Api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void The_key_object_shows_nothing_of_the_key()
    {
        var secure = new SecureString();
        foreach (var c in "canary-4f1d2c9e") secure.AppendChar(c);
        using var key = RinkelApiKey.FromSecureString(secure);

        Assert.Equal("RinkelApiKey(hidden)", key.ToString());
        Assert.DoesNotContain("canary", key.ToString());
        // No public member of any kind hands the key out as text.
        var members = typeof(RinkelApiKey).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly);
        Assert.DoesNotContain(members, m => m is PropertyInfo p && p.PropertyType == typeof(string));
        Assert.DoesNotContain(members, m => m is MethodInfo method && method.ReturnType == typeof(string) && method.Name != nameof(ToString));
        Assert.DoesNotContain(typeof(RinkelApiKey).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public), f => f.FieldType == typeof(string));

        // The caller's SecureString is copied, so disposing either leaves the other intact.
        secure.Dispose();
        Assert.Equal("canary-4f1d2c9e", key.Reveal());
    }

    [Theory]
    [InlineData("canary key with spaces")]
    [InlineData("canary\r\nX-Injected: 1")]
    [InlineData("canary-ünicode")]
    public void Keys_that_cannot_be_sent_are_refused_without_quoting_them(string bad)
    {
        var error = Assert.Throws<ArgumentException>(() => RinkelApiKey.FromPlainText("x" + bad));
        Assert.DoesNotContain("canary", error.ToString());
        Assert.DoesNotContain("Injected", error.ToString());
    }

    [Fact]
    public void Empty_and_oversized_keys_are_refused_without_quoting_them()
    {
        Assert.Throws<ArgumentException>(() => RinkelApiKey.FromPlainText("   "));
        var error = Assert.Throws<ArgumentException>(() => RinkelApiKey.FromPlainText("canary" + new string('k', RinkelApiKey.MaxLength)));
        Assert.DoesNotContain("canary", error.Message);
    }

    [Theory]
    [InlineData("http://api.rinkel.com/v1", "plain http")]
    [InlineData("http://10.0.0.1/v1", "plain http")]
    [InlineData("https://user:canary-pw@api.rinkel.com/v1", "user information")]
    [InlineData("https://api.rinkel.com/v1?key=canary", "query")]
    [InlineData("ftp://api.rinkel.com/v1", "https")]
    public void Base_URIs_that_would_expose_the_key_are_refused(string uri, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => new RinkelClientOptions(new Uri(uri)));
        Assert.Contains(reason, error.Message);
        Assert.DoesNotContain("canary", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5180/v1")]
    [InlineData("http://localhost:5180/v1")]
    [InlineData("http://[::1]:5180/v1")]
    [InlineData("https://api.rinkel.com/v1")]
    public void Https_and_loopback_http_are_accepted(string uri) => Assert.Null(BaseUriPolicy.Check(new Uri(uri)));

    [Fact]
    public async Task The_key_is_sent_in_its_header_and_appears_in_nothing_the_client_produces()
    {
        var observer = new RecordingObserver();
        var texts = new List<string>();
        using var client = Create(Api, o => o.MaxRetryCount = 1);
        texts.Add(client.ToString());
        texts.Add(client.Options.BaseUri.ToString());

        // A success, a retry, every kind of failure: collect every message and trace.
        await Api.AddFaultsAsync(
            FakeFault.Status(503, path: "/v1/users/*"),
            FakeFault.Status(500, path: "/v1/users/*"),
            FakeFault.Drop(path: "/v1/users/*", times: 2),
            FakeFault.Malformed(MalformedVariant.InvalidJson, path: "/v1/users/*"),
            FakeFault.Malformed(MalformedVariant.Html, path: "/v1/users/*", times: 2));
        for (var i = 0; i < 6; i++)
        {
            var (user, error, _) = await GetAsync(client, Id(i), observer);
            if (error != null) texts.Add(Describe(error));
        }

        using (var wrongKey = Create(Api, key: "wrong-" + Api.ApiKey))
        {
            var (_, rejected, _) = await GetAsync(wrongKey, Id(1), observer);
            Assert.Equal(RinkelErrorKind.Authentication, rejected?.Kind);
            texts.Add(Describe(rejected!));
        }

        (await ListAsync(client, observer: observer)).ThrowIfFailed();

        texts.AddRange(observer.Requests.SelectMany(Strings));
        texts.AddRange(observer.Retries.SelectMany(Strings));
        texts.AddRange(observer.Warnings);
        Assert.NotEmpty(observer.Retries);
        Assert.All(texts, text => Assert.DoesNotContain(Api.ApiKey, text));
        Assert.Contains(await Api.GetRequestsAsync(), r => r.ApiKeyValid);
    }

    private static string Describe(Exception error)
    {
        var parts = new List<string> { error.ToString() };
        for (var e = error; e != null; e = e.InnerException)
        {
            parts.Add(e.Message);
            foreach (DictionaryEntry entry in e.Data) parts.Add($"{entry.Key}={entry.Value}");
            parts.AddRange(Strings(e));
        }

        return string.Join("\n", parts);
    }

    /// <summary>Every public property value of <paramref name="value"/> as text, one level down into collections.</summary>
    private static IEnumerable<string> Strings(object value)
    {
        yield return value.ToString() ?? "";
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name is "TargetSite") continue;
            var v = property.GetValue(value);
            if (v is null) continue;
            if (v is IEnumerable items and not string)
            {
                foreach (var item in items) yield return item?.ToString() ?? "";
            }
            else
            {
                yield return v.ToString() ?? "";
            }
        }
    }
}
