using System.Security.Cryptography;

namespace Rinkel.Client.Tests;

/// <summary>DownloadAudioAsync over real HTTP against the fake's stream endpoints and its /audio host.</summary>
public sealed class AudioDownloadTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime, IDisposable
{
    private const int Length = 120_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("rinkel-client-audio-").FullName;

    private FakeRinkelApi Api => fixture.Api;

    public async Task InitializeAsync()
    {
        await Api.ResetAsync();
        await Api.ConfigureAsync(new FakeApiConfig { AudioBytes = Length });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Sha(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    private string Target(string name) => Path.Combine(_dir, name + ".mp3");

    [Fact]
    public async Task Downloads_the_exact_bytes_without_the_api_key_and_reports_them()
    {
        using var client = Clients.Create(Api);
        var id = FakeRinkelApi.RecordingId(1);
        long reported = 0;
        var observer = new RecordingObserver();
        var result = await client.DownloadAudioAsync(AudioKind.Recording, id, Target("a"), false, n => Interlocked.Add(ref reported, n), observer, CancellationToken.None);

        Assert.Equal(Sha(FakeRinkelApi.AudioBytes("recording", id, Length)), Sha(File.ReadAllBytes(result.Path)));
        Assert.Equal(Length, result.Bytes);
        Assert.Equal(Length, reported);
        Assert.Equal(1, result.Attempts);
        Assert.False(File.Exists(RinkelClient.PartialPathFor(result.Path)));
        var audio = Assert.Single((await Api.GetRequestsAsync()), r => r.Path.StartsWith("/audio/", StringComparison.Ordinal));
        Assert.False(audio.HasApiKey);
        Assert.Contains(observer.Requests, t => t.Uri.AbsolutePath == "/audio/recording/" + id && t.Uri.Query == "?token=REDACTED");
    }

    [Fact]
    public async Task A_cut_body_is_continued_with_a_range_request()
    {
        await Api.AddFaultsAsync(FakeFault.Cut());
        using var client = Clients.Create(Api);
        var id = FakeRinkelApi.RecordingId(2);
        var result = await client.DownloadAudioAsync(AudioKind.Recording, id, Target("b"), false, null, null, CancellationToken.None);

        Assert.Equal(Sha(FakeRinkelApi.AudioBytes("recording", id, Length)), Sha(File.ReadAllBytes(result.Path)));
        Assert.Equal(2, result.Attempts);
        Assert.True(result.Resumed);
    }

    [Fact]
    public async Task Cancellation_leaves_no_file_under_the_final_name()
    {
        await Api.ConfigureAsync(new FakeApiConfig { AudioBytes = 3_000_000, AudioBytesPerSecond = 500_000 });
        using var client = Clients.Create(Api);
        using var cancel = new CancellationTokenSource();
        var target = Target("c");
        var download = client.DownloadAudioAsync(AudioKind.Recording, FakeRinkelApi.RecordingId(3), target, false, _ => cancel.Cancel(), null, cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);
        Assert.False(File.Exists(target));
        Assert.InRange(new FileInfo(RinkelClient.PartialPathFor(target)).Length, 1, 3_000_000 - 1);
    }

    [Fact]
    public async Task An_item_without_audio_is_NotFound_from_the_stream_endpoint()
    {
        using var client = Clients.Create(Api);
        var error = await Assert.ThrowsAsync<RinkelApiException>(() =>
            client.DownloadAudioAsync(AudioKind.Voicemail, "64a6b60be7ce3a7774155263", Target("d"), false, null, null, CancellationToken.None));
        Assert.Equal(RinkelErrorKind.NotFound, error.Kind);
        Assert.EndsWith("/voicemails/64a6b60be7ce3a7774155263/stream", error.RequestUri.AbsolutePath);
    }

    [Fact]
    public async Task Expired_tokens_are_refreshed_once_then_reported_redacted()
    {
        await Api.ConfigureAsync(new FakeApiConfig { AudioTokenSeconds = 0 });
        using var client = Clients.Create(Api);
        var error = await Assert.ThrowsAsync<RinkelApiException>(() =>
            client.DownloadAudioAsync(AudioKind.Recording, FakeRinkelApi.RecordingId(4), Target("e"), false, null, null, CancellationToken.None));
        Assert.Equal(RinkelErrorKind.Authentication, error.Kind);
        Assert.Equal("?token=REDACTED", error.RequestUri.Query);
        Assert.DoesNotContain("eyJ", error.ToString());
        Assert.Equal(2, (await Api.GetRequestsAsync()).Count(r => r.Path.EndsWith("/stream", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("https://api.rinkel.com/audio/recording/abc?token=eyJ.x.y", "https://api.rinkel.com/audio/recording/abc?token=REDACTED")]
    [InlineData("https://cdn.example/a.mp3?download=true&X-Amz-Signature=s3cr3t&language=nl", "https://cdn.example/a.mp3?download=true&X-Amz-Signature=REDACTED&language=nl")]
    [InlineData("https://user:pass@cdn.example/a.mp3?sig", "https://cdn.example/a.mp3?sig")]
    public void Redaction_keeps_the_path_and_hides_every_query_value(string url, string expected) =>
        Assert.Equal(expected, AudioUrl.Redact(new Uri(url)).AbsoluteUri);
}
