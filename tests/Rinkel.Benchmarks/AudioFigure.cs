using System.Collections;
using System.Diagnostics;
using System.Text.Json;
using Rinkel.Testing;

namespace Rinkel.Benchmarks;

/// <summary>
/// Archiving audio: N recordings of a fixed size piped into Save-RinkelAudio, each a stream-URL request and an audio
/// download (both delayed by the latency), next to a sequential HttpClient loop and the floor the download window
/// allows: ceil(N / window) slots of two round trips each.
/// </summary>
internal static class AudioFigure
{
    public static async Task<Figure> RunAsync(Settings s, Modules modules, TextWriter log)
    {
        await using var api = await FakeRinkelApi.StartAsync(new FakeApiOptions { LatencyMs = s.LatencyMs });
        await api.ConfigureAsync(new FakeApiConfig { Recordings = s.AudioFiles, AudioBytes = s.AudioBytes });
        using var session = new PsSession();
        session.ImportModule(modules.RinkelManifest);
        var parameters = new Hashtable { ["ApiKey"] = PsSession.Secure(api.ApiKey), ["BaseUri"] = api.BaseUri, ["PassThru"] = true };
        if (s.MaxConcurrentDownloads is int requested) parameters["MaxConcurrentDownloads"] = requested;
        var window = (int)session.Command("Connect-Rinkel", parameters).Single().Properties["MaxConcurrentDownloads"].Value;
        var recordings = session.Command("Get-RinkelRecording", new Hashtable { ["First"] = (ulong)s.AudioFiles });
        var root = Directory.CreateTempSubdirectory("rinkel-bench-audio-").FullName;
        try
        {
            log.WriteLine($"  archiving {s.AudioFiles:N0} files of {s.AudioBytes / 1024.0 / 1024.0:0.##} MB through Save-RinkelAudio (window {window}), warm-up + {s.Iterations} timed");
            var run = 0;
            int Archive()
            {
                var folder = Path.Combine(root, "m" + run++);
                var saved = session.Command("Save-RinkelAudio", new Hashtable { ["Path"] = folder }, recordings).Count;
                Directory.Delete(folder, recursive: true);
                return saved;
            }

            Expect(Archive(), s.AudioFiles, "warm-up archive");
            await api.ClearRequestsAsync();
            var module = Time(s.Iterations, () => Expect(Archive(), s.AudioFiles, "archive"));
            var server = ServerView(await api.GetRequestsAsync(), s.Iterations);

            log.WriteLine($"  baseline: sequential stream URL + download over HttpClient, {s.BaselineIterations} timed");
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            var ids = recordings.Select(r => (string)r.Properties["Id"].Value).ToArray();
            var sequential = new List<double>();
            for (var i = 0; i < s.BaselineIterations; i++)
            {
                var folder = Directory.CreateDirectory(Path.Combine(root, "b" + i)).FullName;
                var stopwatch = Stopwatch.StartNew();
                foreach (var id in ids) await SequentialAsync(http, api, id, Path.Combine(folder, id + ".mp3"));
                sequential.Add(stopwatch.Elapsed.TotalMilliseconds);
                Directory.Delete(folder, recursive: true);
            }

            var floor = 2.0 * s.LatencyMs * Math.Ceiling(s.AudioFiles / (double)window);
            return new Figure
            {
                Id = "archive",
                Title = Stats.Inv($"archive {s.AudioFiles:N0} files of {s.AudioBytes / 1048576.0:0.##} MB, {s.LatencyMs} ms latency, Save-RinkelAudio (window {window})"),
                Measured = new Quantity("Save-RinkelAudio", Stats.Median(module), "ms"),
                Baselines =
                [
                    ("(a)", new Quantity("sequential", Stats.Median(sequential), "ms")),
                    ("(b)", new Quantity(Stats.Inv($"floor 2x{s.LatencyMs}xceil({s.AudioFiles}/{window})"), floor, "ms")),
                ],
                Checks = [new("(a)", CheckKind.FasterBy, null), new("(b)", CheckKind.AtMost, 1.5)],
                Notes =
                [
                    "Save-RinkelAudio" + Stats.Spread(module, "ms") + "; sequential" + Stats.Spread(sequential, "ms"),
                    "module, as the fake saw it: " + server,
                    "the floor counts the two round trips per file (stream URL, then audio) and no transfer time",
                ],
            };
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task SequentialAsync(HttpClient http, FakeRinkelApi api, string id, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{api.BaseUri}/recordings/{id}/stream");
        request.Headers.Add("x-rinkel-api-key", api.ApiKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        var url = document.RootElement.GetProperty("data").GetProperty("url").GetString()!;
        await using var body = await http.GetStreamAsync(url);
        await using var file = File.Create(path);
        await body.CopyToAsync(file);
    }

    private static string ServerView(IReadOnlyList<FakeRequest> requests, int runs)
    {
        var audio = requests.Where(r => r.Path.StartsWith("/audio/", StringComparison.Ordinal) && r.Status == 200).ToList();
        var streams = requests.Count(r => r.Path.EndsWith("/stream", StringComparison.Ordinal) && r.Status == 200);
        var events = audio.SelectMany(r => new[] { (At: r.ReceivedAt.UtcTicks, Delta: 1), (At: r.ReceivedAt.UtcTicks + (long)(r.ElapsedMs * TimeSpan.TicksPerMillisecond), Delta: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Delta);
        int current = 0, peak = 0;
        foreach (var e in events) peak = Math.Max(peak, current += e.Delta);
        return Stats.Inv($"{streams / (double)runs:0.#} stream URLs and {audio.Count / (double)runs:0.#} downloads per run, up to {peak} downloads waiting for headers at once");
    }

    private static int Expect(int actual, int expected, string what) =>
        actual == expected ? actual : throw new InvalidOperationException($"The {what} gave {actual} files, not {expected}.");

    private static List<double> Time(int iterations, Action action)
    {
        var times = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            action();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return times;
    }
}
