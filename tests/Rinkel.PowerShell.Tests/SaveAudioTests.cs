using System.Management.Automation;
using System.Security.Cryptography;
using System.Text.Json;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

/// <summary>Save-RinkelAudio through the engine against the fake's stream endpoints and its /audio host.</summary>
public sealed class SaveAudioTests : ModuleTestBase, IDisposable
{
    private const int Length = 120_000;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rinkel-audio-" + Guid.NewGuid().ToString("N")[..8]);

    public SaveAudioTests(FakeApiFixture fixture) : base(fixture)
    {
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.ConfigureAsync(new FakeApiConfig { AudioBytes = Length });
        Connect();
    }

    private static string Sha(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    private static string Expected(string type, string id) => Sha(FakeRinkelApi.AudioBytes(type, id, Length));

    private string[] FinalFiles() => Directory.Exists(_dir)
        ? Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".partial", StringComparison.Ordinal)).ToArray()
        : [];

    private async Task<List<FakeRequest>> AudioRequests() =>
        (await Api.GetRequestsAsync()).Where(r => r.Path.StartsWith("/audio/", StringComparison.Ordinal) || r.Path.EndsWith("/stream", StringComparison.Ordinal)).ToList();

    // Call records as Get-RinkelCallRecord gives them: read from the fake's history and shaped like the CallRecord model.
    private async Task<PSObject[]> CallRecordsAsync(int count, Func<JsonElement, bool> where)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("x-rinkel-api-key", Api.ApiKey);
        var found = new List<PSObject>();
        for (var page = 1; found.Count < count && page <= 20; page++)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync($"{Api.BaseUri}/call-detail-records?perPage=50&page={page}"));
            foreach (var r in doc.RootElement.GetProperty("data").EnumerateArray().Where(where))
            {
                if (found.Count == count) break;
                var record = new PSObject();
                record.Properties.Add(new PSNoteProperty("Id", r.GetProperty("id").GetString()));
                record.Properties.Add(new PSNoteProperty("Date", r.GetProperty("date").GetDateTimeOffset().LocalDateTime));
                record.Properties.Add(new PSNoteProperty("Direction", r.GetProperty("direction").GetString()));
                var external = new PSObject();
                external.Properties.Add(new PSNoteProperty("E164", r.GetProperty("externalNumber").TryGetProperty("e164", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null));
                external.Properties.Add(new PSNoteProperty("Anonymous", r.GetProperty("externalNumber").GetProperty("anonymous").GetBoolean()));
                record.Properties.Add(new PSNoteProperty("ExternalNumber", external));
                record.Properties.Add(new PSNoteProperty("CallRecording", IdObject(r.GetProperty("callRecording"))));
                record.Properties.Add(new PSNoteProperty("Voicemail", IdObject(r.GetProperty("voicemail"))));
                found.Add(record);
            }
        }

        Assert.Equal(count, found.Count);
        return found.ToArray();
    }

    private static PSObject? IdObject(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        var value = new PSObject();
        value.Properties.Add(new PSNoteProperty("Id", element.GetProperty("id").GetString()));
        return value;
    }

    private static bool HasRecording(JsonElement r) => r.GetProperty("callRecording").ValueKind == JsonValueKind.Object;

    private static bool HasVoicemail(JsonElement r) => r.GetProperty("voicemail").ValueKind == JsonValueKind.Object;

    [Fact]
    public async Task Archives_call_recordings_and_voicemails_with_exact_bytes_readable_names_and_no_key_on_the_audio_host()
    {
        var records = (await CallRecordsAsync(6, HasRecording)).Concat(await CallRecordsAsync(4, HasVoicemail)).ToArray();
        var result = Session.Run($"$args | Save-RinkelAudio -Path '{_dir}'", records.Cast<object>().ToArray()).ThrowIfFailed();

        Assert.Equal(10, result.Output.Count);
        foreach (var file in result.Output)
        {
            var info = Assert.IsType<FileInfo>(file.BaseObject);
            var kind = (string)file.Properties["AudioKind"].Value;
            var audioId = (string)file.Properties["AudioId"].Value;
            var sourceId = (string)file.Properties["SourceId"].Value;
            Assert.Equal(Expected(kind, audioId), Sha(File.ReadAllBytes(info.FullName)));
            var record = records.Single(r => (string)r.Properties["Id"].Value == sourceId);
            var date = ((DateTime)record.Properties["Date"].Value).ToString("yyyy-MM-dd_HHmmss");
            Assert.StartsWith(date + "_" + record.Properties["Direction"].Value + "_", info.Name);
            Assert.EndsWith("_" + kind + "_" + sourceId + ".mp3", info.Name);
            Assert.Equal(_dir, info.DirectoryName);
        }
        Assert.Empty(Directory.GetFiles(_dir, "*.partial"));

        var requests = await AudioRequests();
        Assert.Equal(10, requests.Count(r => r.Path.StartsWith("/audio/", StringComparison.Ordinal)));
        Assert.All(requests.Where(r => r.Path.StartsWith("/audio/", StringComparison.Ordinal)), r => Assert.False(r.HasApiKey, "The API key was sent to the audio host."));
        Assert.All(requests.Where(r => r.Path.EndsWith("/stream", StringComparison.Ordinal)), r => Assert.True(r.ApiKeyValid));
    }

    [Fact]
    public async Task The_archive_journey_from_Get_RinkelCallRecord_run_twice_downloads_each_file_once()
    {
        const string script = """
            $records = @(Get-RinkelCallRecord -Start ([datetime]::Now.AddDays(-2)))
            $withAudio = @($records | Where-Object { $_.CallRecording -or $_.Voicemail }).Count
            $records | Save-RinkelAudio -Path $args[0] | ForEach-Object { [pscustomobject]@{ Path = $_.FullName; Kind = $_.AudioKind; AudioId = $_.AudioId; SourceId = $_.SourceId; Expected = $withAudio } }
            """;
        var first = Session.Run(script, _dir).ThrowIfFailed();
        Assert.NotEmpty(first.Output);
        Assert.Equal((int)first.Output[0].Properties["Expected"].Value, first.Output.Count);
        Assert.Contains(first.Output, o => (string)o.Properties["Kind"].Value == "call-recording");
        Assert.Contains(first.Output, o => (string)o.Properties["Kind"].Value == "voicemail");
        foreach (var file in first.Output)
            Assert.Equal(Expected((string)file.Properties["Kind"].Value, (string)file.Properties["AudioId"].Value), Sha(File.ReadAllBytes((string)file.Properties["Path"].Value)));
        await Api.ClearRequestsAsync();

        var second = Session.Run(script, _dir).ThrowIfFailed();
        Assert.Empty(second.Output);
        Assert.Empty(await AudioRequests());
        Assert.Equal(first.Output.Count, FinalFiles().Length);
    }

    [Fact]
    public void Voicemails_and_internal_numbers_of_call_records_flow_on()
    {
        var voicemails = Session.Run($"Get-RinkelVoicemail -First 3 | Save-RinkelAudio -Path '{_dir}'").ThrowIfFailed();
        Assert.Equal(3, voicemails.Output.Count);
        Assert.All(voicemails.Output, v => Assert.Equal("voicemail", v.Properties["AudioKind"].Value));

        var numbers = Session.Run("(Get-RinkelCallRecord -First 10).InternalNumber | Where-Object Id | Get-RinkelNumber | ForEach-Object PhoneNumber").ThrowIfFailed();
        Assert.NotEmpty(numbers.Output);
    }

    [Fact]
    public async Task A_second_run_downloads_nothing_and_Force_downloads_again()
    {
        var script = $"Get-RinkelRecording -First 8 | Save-RinkelAudio -Path '{_dir}'";
        var first = Session.Run(script, _dir).ThrowIfFailed();
        Assert.Equal(8, first.Output.Count);
        Assert.All(first.Output, f => Assert.Equal(Expected("recording", (string)f.Properties["AudioId"].Value), Sha(File.ReadAllBytes(((FileInfo)f.BaseObject).FullName))));
        await Api.ClearRequestsAsync();

        var second = Session.Run(script + " -Verbose").ThrowIfFailed();
        Assert.Empty(second.Output);
        Assert.Empty(await AudioRequests());
        Assert.Equal(8, second.Verbose.Count(v => v.Contains("is already complete")));

        var forced = Session.Run(script + " -Force").ThrowIfFailed();
        Assert.Equal(8, forced.Output.Count);
        Assert.Equal(8, (await AudioRequests()).Count(r => r.Path.StartsWith("/audio/", StringComparison.Ordinal)));
        Assert.Equal(8, FinalFiles().Length);
    }

    [Fact]
    public async Task A_connection_cut_mid_body_is_resumed_with_a_range_request()
    {
        await Api.AddFaultsAsync(FakeFault.Cut());
        var result = Session.Run($"Save-RinkelAudio -RecordingId $args[0] -Path '{_dir}'", FakeRinkelApi.RecordingId(4)).ThrowIfFailed();

        var file = Assert.IsType<FileInfo>(Assert.Single(result.Output).BaseObject);
        Assert.Equal(Expected("recording", FakeRinkelApi.RecordingId(4)), Sha(File.ReadAllBytes(file.FullName)));
        var audio = (await AudioRequests()).Where(r => r.Path.StartsWith("/audio/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["200 cut", "206 "], audio.Select(r => r.Status + " " + r.Fault));
    }

    [Fact]
    public async Task Failing_downloads_leave_no_complete_looking_file_and_the_next_run_finishes_them()
    {
        // Every attempt is cut: the file fails (non-terminating) and only its .partial is left.
        Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1] -MaxRetryCount 1", FakeApiFixture.Secure(Api.ApiKey), Api.BaseUri).ThrowIfFailed();
        await Api.AddFaultsAsync(FakeFault.Cut(times: 50));
        var failed = Session.Run($"Save-RinkelAudio -RecordingId $args[0], $args[1] -Path '{_dir}'", FakeRinkelApi.RecordingId(5), FakeRinkelApi.RecordingId(6));
        Assert.Null(failed.Terminating);
        Assert.Empty(failed.Output);
        Assert.Equal(2, failed.Errors.Count);
        Assert.All(failed.Errors, e => Assert.Equal("RinkelConnectionFailed,Rinkel.Commands.SaveRinkelAudioCommand", e.FullyQualifiedErrorId));
        Assert.Empty(FinalFiles());
        Assert.NotEmpty(Directory.GetFiles(_dir, "*.mp3.partial"));

        await Api.ClearFaultsAsync();
        var retried = Session.Run($"Save-RinkelAudio -RecordingId $args[0], $args[1] -Path '{_dir}'", FakeRinkelApi.RecordingId(5), FakeRinkelApi.RecordingId(6)).ThrowIfFailed();
        Assert.Equal(2, retried.Output.Count);
        Assert.All(retried.Output, f => Assert.Equal(Expected("recording", (string)f.Properties["AudioId"].Value), Sha(File.ReadAllBytes(((FileInfo)f.BaseObject).FullName))));
        Assert.Empty(Directory.GetFiles(_dir, "*.partial"));
    }

    [Fact]
    public async Task Ctrl_C_mid_download_leaves_only_a_partial_file_which_the_next_run_continues()
    {
        const int big = 2_000_000;
        await Api.ConfigureAsync(new FakeApiConfig { AudioBytes = big, AudioBytesPerSecond = 400_000 });
        var id = FakeRinkelApi.RecordingId(7);
        using (var ps = Session.Begin($"Save-RinkelAudio -RecordingId $args[0] -Path '{_dir}'", id))
        {
            var running = ps.BeginInvoke();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && !(Directory.Exists(_dir) && Directory.GetFiles(_dir, "*.partial").Any(f => new FileInfo(f).Length > 0)))
                await Task.Delay(20);
            ps.Stop();
            Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
        }

        Assert.Empty(FinalFiles());
        var partial = Assert.Single(Directory.GetFiles(_dir, "*.partial"));
        Assert.InRange(new FileInfo(partial).Length, 1, big - 1);

        await Api.ConfigureAsync(new FakeApiConfig { AudioBytesPerSecond = 1_000_000_000 });
        await Api.ClearRequestsAsync();
        var resumed = Session.Run($"Save-RinkelAudio -RecordingId $args[0] -Path '{_dir}'", id).ThrowIfFailed();
        var file = (FileInfo)Assert.Single(resumed.Output).BaseObject;
        Assert.Equal(Sha(FakeRinkelApi.AudioBytes("recording", id, big)), Sha(File.ReadAllBytes(file.FullName)));
        Assert.Equal([206], (await AudioRequests()).Where(r => r.Path.StartsWith("/audio/", StringComparison.Ordinal)).Select(r => r.Status));
    }

    [Fact]
    public async Task An_expired_url_is_refreshed_once_and_a_url_refused_twice_is_a_clear_error()
    {
        await Api.AddFaultsAsync(FakeFault.Status(401, "/audio/*"));
        var refreshed = Session.Run($"Save-RinkelAudio -RecordingId $args[0] -Path '{_dir}'", FakeRinkelApi.RecordingId(8)).ThrowIfFailed();
        Assert.Single(refreshed.Output);
        Assert.Equal(2, (await AudioRequests()).Count(r => r.Path.EndsWith("/stream", StringComparison.Ordinal)));

        await Api.ConfigureAsync(new FakeApiConfig { AudioTokenSeconds = 0 });
        var expired = Session.Run($"Save-RinkelAudio -RecordingId $args[0], $args[1] -Path '{_dir}' -Verbose -Debug", FakeRinkelApi.RecordingId(9), FakeRinkelApi.RecordingId(10));
        Assert.Null(expired.Terminating);
        Assert.Equal(2, expired.Errors.Count);
        var error = expired.Errors[0];
        Assert.Equal("RinkelAuthenticationFailed,Rinkel.Commands.SaveRinkelAudioCommand", error.FullyQualifiedErrorId);
        Assert.Equal(FakeRinkelApi.RecordingId(9), error.TargetObject);
        Assert.Contains("token=REDACTED", error.ToString());
        Assert.Contains("refused a freshly issued URL", error.ToString());
        Assert.Single(FinalFiles());
    }

    [Fact]
    public async Task The_audio_token_never_reaches_any_stream()
    {
        await Api.AddFaultsAsync(FakeFault.Status(401, "/audio/*"), FakeFault.Cut(), FakeFault.Status(503, "/audio/*"));
        await Api.ConfigureAsync(new FakeApiConfig { AudioTokenSeconds = 10_800 });
        var ok = Session.Run($"Get-RinkelRecording -First 3 | Save-RinkelAudio -Path '{_dir}' -Verbose -Debug");
        await Api.ConfigureAsync(new FakeApiConfig { AudioTokenSeconds = 0 });
        var failing = Session.Run($"Save-RinkelAudio -RecordingId $args[0] -Path '{_dir}' -Verbose -Debug", FakeRinkelApi.RecordingId(20));

        Assert.Equal(3, ok.Output.Count);
        Assert.NotEmpty(failing.Errors);
        var text = ok.AllText() + "\n" + failing.AllText() + "\n" + string.Join("\n", failing.Errors.Select(e => e.Exception.ToString()));
        Assert.Contains("/audio/recording/", text);
        // Every token the fake issues is a JWT whose header encodes to this.
        Assert.DoesNotContain("eyJhbGciOiJIUzI1NiIs", text);
        Assert.DoesNotMatch("token=(?!REDACTED)", text);
        Assert.DoesNotContain(Api.ApiKey, text);
    }

    [Fact]
    public async Task A_record_without_audio_is_skipped_verbosely_and_an_unknown_id_is_a_non_terminating_error()
    {
        var withoutAudio = await CallRecordsAsync(1, r => !HasRecording(r) && !HasVoicemail(r));
        var skipped = Session.Run($"$args | Save-RinkelAudio -Path '{_dir}' -Verbose", withoutAudio.Cast<object>().ToArray()).ThrowIfFailed();
        Assert.Empty(skipped.Output);
        Assert.Contains(skipped.Verbose, v => v.Contains("has no call recording or voicemail") && v.Contains((string)withoutAudio[0].Properties["Id"].Value));

        var unknown = "64a6b60be7ce3a7774155263";
        var byId = Session.Run($"Save-RinkelAudio -CallRecordingId $args[0] -Path '{_dir}'", unknown);
        Assert.Null(byId.Terminating);
        var error = Assert.Single(byId.Errors);
        Assert.Equal("RinkelNotFound,Rinkel.Commands.SaveRinkelAudioCommand", error.FullyQualifiedErrorId);
        Assert.Equal(unknown, error.TargetObject);

        var text = Session.Run($"'64a6b60be7ce3a7774155263' | Save-RinkelAudio -Path '{_dir}'");
        Assert.Equal("RinkelAudioSourceUnknown,Rinkel.Commands.SaveRinkelAudioCommand", Assert.Single(text.Errors).FullyQualifiedErrorId);
        Assert.Empty(FinalFiles());
    }

    [Fact]
    public void Rows_naming_their_audio_bind_by_property_name()
    {
        var result = Session.Run("""
            [pscustomobject]@{ RecordingId = $args[0] }, [pscustomobject]@{ Id = $args[1]; AudioKind = 'recording' } |
                Save-RinkelAudio -Path $args[2]
            """, FakeRinkelApi.RecordingId(11), FakeRinkelApi.RecordingId(12), _dir).ThrowIfFailed();
        Assert.Equal(new[] { FakeRinkelApi.RecordingId(11), FakeRinkelApi.RecordingId(12) }.Order(), result.Output.Select(o => (string)o.Properties["AudioId"].Value).Order());
    }

    [Fact]
    public void A_relative_path_is_resolved_against_the_PowerShell_location_and_created()
    {
        Directory.CreateDirectory(_dir);
        var result = Session.Run("""
            $before = $ExecutionContext.SessionState.Path.CurrentLocation.Path
            $null = $ExecutionContext.SessionState.Path.SetLocation($args[1])
            try { Save-RinkelAudio -RecordingId $args[0] -Path archive/2026 } finally { $null = $ExecutionContext.SessionState.Path.SetLocation($before) }
            """, FakeRinkelApi.RecordingId(13), _dir).ThrowIfFailed();
        var file = Assert.IsType<FileInfo>(Assert.Single(result.Output).BaseObject);
        Assert.Equal(Path.Combine(_dir, "archive", "2026"), file.DirectoryName);
        Assert.False(Directory.Exists(Path.Combine(Environment.CurrentDirectory, "archive", "2026")));
    }

    [Fact]
    public void A_path_that_is_a_file_or_not_on_the_file_system_is_a_clear_terminating_error()
    {
        Directory.CreateDirectory(_dir);
        var file = Path.Combine(_dir, "not-a-folder.txt");
        File.WriteAllText(file, "x");
        var result = Session.Run("Save-RinkelAudio -RecordingId $args[0] -Path $args[1]", FakeRinkelApi.RecordingId(1), file);
        Assert.Equal("RinkelAudioPathIsFile,Rinkel.Commands.SaveRinkelAudioCommand", result.Terminating?.FullyQualifiedErrorId);

        var env = Session.Run("Save-RinkelAudio -RecordingId $args[0] -Path Env:\\", FakeRinkelApi.RecordingId(1));
        Assert.Equal("RinkelAudioPathNotFileSystem,Rinkel.Commands.SaveRinkelAudioCommand", env.Terminating?.FullyQualifiedErrorId);
    }

    [Fact]
    public void File_names_from_templates_and_script_blocks_are_safe_on_Windows_and_Linux()
    {
        var templated = Session.Run($"Get-RinkelRecording -Id $args[0] | Save-RinkelAudio -Path '{_dir}' -FileName '{{Date:yyyy}}/{{Name}}: <take> | 1?*'", FakeRinkelApi.RecordingId(2)).ThrowIfFailed();
        var file = Assert.IsType<FileInfo>(Assert.Single(templated.Output).BaseObject);
        Assert.Matches(@"^\d{4}$", Path.GetFileName(file.DirectoryName));
        Assert.Equal("Closed_ _take_ _ 1__.mp3", file.Name);

        var device = Session.Run($"Save-RinkelAudio -RecordingId $args[0] -Path '{_dir}' -FileName {{ 'CON' }}", FakeRinkelApi.RecordingId(3)).ThrowIfFailed();
        Assert.Equal("_CON.mp3", ((FileInfo)Assert.Single(device.Output).BaseObject).Name);

        var escape = Session.Run($"Save-RinkelAudio -RecordingId $args[0] -Path '{_dir}' -FileName '../{{Id}}'", FakeRinkelApi.RecordingId(3));
        Assert.Equal("RinkelAudioFileNameInvalid,Rinkel.Commands.SaveRinkelAudioCommand", Assert.Single(escape.Errors).FullyQualifiedErrorId);

        var badToken = Session.Run($"Save-RinkelAudio -RecordingId $args[0] -Path '{_dir}' -FileName '{{Caller}}'", FakeRinkelApi.RecordingId(3));
        Assert.Equal("RinkelAudioFileNameInvalid,Rinkel.Commands.SaveRinkelAudioCommand", badToken.Terminating?.FullyQualifiedErrorId);
        Assert.Contains("{Caller}", badToken.Terminating!.ToString());
    }

    [Fact]
    public async Task WhatIf_writes_nothing_and_downloads_nothing()
    {
        var result = Session.Run($"Get-RinkelRecording -First 3 | Save-RinkelAudio -Path '{_dir}' -WhatIf").ThrowIfFailed();
        Assert.Empty(result.Output);
        Assert.False(Directory.Exists(_dir));
        Assert.DoesNotContain(await AudioRequests(), r => r.Path.StartsWith("/audio/", StringComparison.Ordinal));
    }

    [Fact]
    public void Progress_counts_files_and_bytes_and_completes()
    {
        var result = Session.Run($"Get-RinkelRecording -First 6 | Save-RinkelAudio -Path '{_dir}'").ThrowIfFailed();
        var progress = result.Progress.Where(p => p.Activity == "Saving Rinkel audio").ToList();
        Assert.Contains(progress, p => p.StatusDescription.Contains("6 of 6 files") && p.StatusDescription.Contains("MB"));
        Assert.Equal(ProgressRecordType.Completed, progress.Last().RecordType);
    }

    [Fact]
    public void The_download_window_is_a_connection_setting()
    {
        var result = Session.Run("(Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1] -MaxConcurrentDownloads 2 -PassThru).MaxConcurrentDownloads",
            FakeApiFixture.Secure(Api.ApiKey), Api.BaseUri).ThrowIfFailed();
        Assert.Equal(2, result.Output.Single().BaseObject);
        var invalid = Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1] -MaxConcurrentDownloads 0", FakeApiFixture.Secure(Api.ApiKey), Api.BaseUri);
        Assert.Contains("ParameterArgumentValidationError", invalid.AllErrors.Single().FullyQualifiedErrorId);
    }

    public new void Dispose()
    {
        base.Dispose();
        try
        {
            if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
