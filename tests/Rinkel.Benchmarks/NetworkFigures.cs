using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Rinkel.Testing;

namespace Rinkel.Benchmarks;

/// <summary>
/// The figures bound by latency: listing every user, and getting users by id from the pipeline, through the
/// cmdlet in a runspace, next to plain sequential HttpClient loops and the floor the window allows.
/// </summary>
internal static partial class NetworkFigures
{
    private const int ModulePageSize = 50; // the module always asks for the documented maximum

    public static async Task<List<Figure>> RunAsync(Settings s, Modules modules, TextWriter log)
    {
        var figures = new List<Figure>();
        await using var api = await FakeRinkelApi.StartAsync(new FakeApiOptions { Users = s.Users, LatencyMs = s.LatencyMs });
        using var session = new PsSession();
        session.ImportModule(modules.RinkelManifest);
        var (pagesWindow, requestsWindow) = session.Connect(api.BaseUri, api.ApiKey, s.MaxConcurrentPages, s.MaxConcurrentRequests);
        using var http = NaiveClient(api.ApiKey);

        if (s.Includes("listing")) figures.Add(await ListingAsync(s, api, session, http, pagesWindow, log));
        if (s.Includes("ids")) figures.Add(await IdsAsync(s, api, session, http, requestsWindow, log));
        if (s.Includes("callrecords")) figures.Add(await CallRecordExportAsync(s, api, session, http, pagesWindow, log));
        session.Command("Disconnect-Rinkel");
        return figures;
    }

    private static async Task<Figure> ListingAsync(Settings s, FakeRinkelApi api, PsSession session, HttpClient http, int window, TextWriter log)
    {
        log.WriteLine($"  listing {s.Users:N0} users through Get-RinkelUser (window {window}), warm-up + {s.Iterations} timed");
        Expect(session.Command("Get-RinkelUser").Count, s.Users, "warm-up listing");
        await api.ClearRequestsAsync();
        var cpu = ProcessCpu();
        var module = Time(s.Iterations, () => Expect(session.Command("Get-RinkelUser").Count, s.Users, "listing"));
        var cpuPerListing = (ProcessCpu() - cpu) / s.Iterations;
        var server = ServerView(await api.GetRequestsAsync(), "/v1/users", s.Iterations, window);

        log.WriteLine($"  baseline (a): sequential perPage=10 over HttpClient, {s.BaselineIterations} timed");
        await NaiveListAsync(http, api.BaseUri, 10, pages: 1); // warm the connection and the code
        var naive10 = await TimeAsync(s.BaselineIterations, async () => Expect(await NaiveListAsync(http, api.BaseUri, 10), s.Users, "naive listing"));
        log.WriteLine($"  baseline (b): sequential perPage=50 over HttpClient, {s.BaselineIterations} timed");
        await api.ClearRequestsAsync();
        var sequential50 = await TimeAsync(s.BaselineIterations, async () => Expect(await NaiveListAsync(http, api.BaseUri, 50), s.Users, "sequential listing"));
        var baselineServer = ServerView(await api.GetRequestsAsync(), "/v1/users", s.BaselineIterations);

        var pages = (s.Users + ModulePageSize - 1) / ModulePageSize;
        var floor = s.LatencyMs * (1 + Math.Ceiling((pages - 1) / (double)window));
        return new Figure
        {
            Id = "listing",
            Title = Stats.Inv($"list {s.Users:N0} users, {s.LatencyMs} ms latency, Get-RinkelUser in a runspace (window {window})"),
            Measured = new Quantity("Get-RinkelUser", Stats.Median(module), "ms"),
            Baselines =
            [
                ("(a)", new Quantity("naive perPage=10", Stats.Median(naive10), "ms")),
                ("(b)", new Quantity("sequential perPage=50", Stats.Median(sequential50), "ms")),
                ("(c)", new Quantity(Stats.Inv($"floor {s.LatencyMs}x(1+ceil(({pages}-1)/{window}))"), floor, "ms")),
            ],
            Checks = [new("(a)", CheckKind.FasterBy, 15), new("(b)", CheckKind.FasterBy, 3), new("(c)", CheckKind.AtMost, 1.5)],
            Notes =
            [
                "Get-RinkelUser" + Stats.Spread(module, "ms") + "; (a)" + Stats.Spread(naive10, "ms") + "; (b)" + Stats.Spread(sequential50, "ms"),
                "module, as the fake saw it: " + server,
                Stats.Inv($"CPU time of this process (client, HTTP, JSON, PowerShell) per listing: {cpuPerListing:0} ms, on {Environment.ProcessorCount} cores shared with the fake"),
                "(b), as the fake saw it: " + baselineServer,
            ],
        };
    }

    private static async Task<Figure> IdsAsync(Settings s, FakeRinkelApi api, PsSession session, HttpClient http, int window, TextWriter log)
    {
        var ids = Enumerable.Range(0, s.Ids).Select(i => FakeRinkelApi.UserId(i)).ToArray();
        log.WriteLine($"  {s.Ids:N0} ids piped into Get-RinkelUser (window {window}), warm-up + {s.Iterations} timed");
        Expect(session.Command("Get-RinkelUser", input: ids.Take(Math.Min(ids.Length, 4 * window)).ToArray()).Count, Math.Min(ids.Length, 4 * window), "warm-up ids");
        await api.ClearRequestsAsync();
        var module = Time(s.Iterations, () => Expect(session.Command("Get-RinkelUser", input: ids).Count, ids.Length, "ids"));
        var server = ServerView(await api.GetRequestsAsync(), "/v1/users/", s.Iterations);

        log.WriteLine($"  baseline: sequential GET /users/{{id}} over HttpClient, {s.BaselineIterations} timed");
        var sequential = await TimeAsync(s.BaselineIterations, async () =>
        {
            foreach (var id in ids) await NaiveGetAsync(http, api.BaseUri, id);
        });

        var floor = s.LatencyMs * (double)ids.Length / window;
        return new Figure
        {
            Id = "ids",
            Title = Stats.Inv($"{s.Ids:N0} ids through the pipeline, {s.LatencyMs} ms latency (window {window})"),
            Measured = new Quantity("ids | Get-RinkelUser", Stats.Median(module), "ms"),
            Baselines =
            [
                ("(a)", new Quantity("sequential", Stats.Median(sequential), "ms")),
                ("(b)", new Quantity(Stats.Inv($"floor {s.LatencyMs}x{ids.Length}/{window}"), floor, "ms")),
            ],
            Checks = [new("(a)", CheckKind.FasterBy, null), new("(b)", CheckKind.AtMost, 1.5)],
            Notes =
            [
                "ids | Get-RinkelUser" + Stats.Spread(module, "ms") + "; sequential" + Stats.Spread(sequential, "ms"),
                "module, as the fake saw it: " + server,
            ],
        };
    }

    private static HttpClient NaiveClient(string apiKey)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        http.DefaultRequestHeaders.Add("x-rinkel-api-key", apiKey);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }

    /// <summary>The naive loop: one page after another until a short page or the last page; returns the users read.</summary>
    private static async Task<int> NaiveListAsync(HttpClient http, Uri baseUri, int perPage, int pages = int.MaxValue)
    {
        var users = 0;
        for (var page = 1; page <= pages; page++)
        {
            var body = await http.GetByteArrayAsync($"{baseUri}/users?page={page}&perPage={perPage}");
            using var document = JsonDocument.Parse(body);
            var data = document.RootElement.GetProperty("data");
            foreach (var user in data.EnumerateArray()) _ = user.GetProperty("id").GetString();
            var count = data.GetArrayLength();
            users += count;
            var last = document.RootElement.TryGetProperty("meta", out var meta)
                && meta.GetProperty("pagination").GetProperty("totalPages").GetInt32() <= page;
            if (count < perPage || last) break;
        }

        return users;
    }

    private static async Task NaiveGetAsync(HttpClient http, Uri baseUri, string id)
    {
        var body = await http.GetByteArrayAsync($"{baseUri}/users/{id}");
        using var document = JsonDocument.Parse(body);
        var user = document.RootElement.TryGetProperty("data", out var data) ? data : document.RootElement;
        if (user.GetProperty("id").GetString() != id) throw new InvalidOperationException($"Asked for user {id}, got another.");
    }

    /// <summary>How many requests per run the fake got, how long it held them, and how many it held at once.</summary>
    private static string ServerView(IReadOnlyList<FakeRequest> requests, string pathPrefix, int runs, int? window = null)
    {
        var relevant = requests.Where(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal) && r.Status == 200).OrderBy(r => r.Seq).ToList();
        if (relevant.Count == 0) return "no requests logged";
        var events = relevant
            .SelectMany(r => new[] { (At: r.ReceivedAt.UtcTicks, Delta: 1), (At: End(r), Delta: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Delta)
            .ToList();
        int current = 0, peak = 0;
        foreach (var e in events) peak = Math.Max(peak, current += e.Delta);
        var elapsed = relevant.Select(r => r.ElapsedMs).ToList();
        var text = Stats.Inv($"{relevant.Count / (double)runs:0.#} requests per run, server time per request median {Stats.Median(elapsed):0.0} ms (max {elapsed.Max():0.0} ms), up to {peak} in flight");
        if (window is int w) text += "; " + Turnaround(relevant, w);
        return text;
    }

    /// <summary>
    /// For a windowed listing: the request for page p takes the slot page p-window held, so the time from page
    /// p-window's response leaving the fake to page p's request arriving is what the client adds per slot (transfer,
    /// parse, and the wait until the consumer takes the page). The floor assumes it is zero.
    /// </summary>
    private static string Turnaround(List<FakeRequest> requests, int window)
    {
        var gaps = new List<double>();
        var spans = new List<double>();
        foreach (var run in SplitRuns(requests))
        {
            for (var p = window + 2; p <= run.Count; p++)
                if (run.TryGetValue(p, out var next) && run.TryGetValue(p - window, out var freed))
                    gaps.Add((next.ReceivedAt.UtcTicks - End(freed)) / (double)TimeSpan.TicksPerMillisecond);
            spans.Add((run.Values.Max(End) - run[1].ReceivedAt.UtcTicks) / (double)TimeSpan.TicksPerMillisecond);
        }

        return gaps.Count == 0
            ? "no windowed pages"
            : Stats.Inv($"client turnaround per window slot median {Stats.Median(gaps):0.0} ms (p90 {Percentile(gaps, 0.9):0.0} ms); first request to last response {Stats.Median(spans):0} ms");
    }

    private static IEnumerable<Dictionary<int, FakeRequest>> SplitRuns(List<FakeRequest> requests)
    {
        Dictionary<int, FakeRequest>? run = null;
        foreach (var r in requests)
        {
            var page = PageOf(r.Query);
            if (page == 1)
            {
                if (run is { Count: > 0 }) yield return run;
                run = [];
            }

            if (run != null && page is int p) run[p] = r;
        }

        if (run is { Count: > 0 }) yield return run;
    }

    private static int? PageOf(string query)
    {
        foreach (var part in query.TrimStart('?').Split('&'))
            if (part.StartsWith("page=", StringComparison.Ordinal) && int.TryParse(part[5..], out var page)) return page;
        return null;
    }

    private static long End(FakeRequest r) => r.ReceivedAt.UtcTicks + (long)(r.ElapsedMs * TimeSpan.TicksPerMillisecond);

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }

    private static double ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalMilliseconds;
    }

    private static int Expect(int actual, int expected, string what) =>
        actual == expected ? actual : throw new InvalidOperationException($"The {what} returned {actual} items instead of {expected}.");

    private static List<double> Time(int iterations, Action action)
    {
        var times = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static async Task<List<double>> TimeAsync(int iterations, Func<Task> action)
    {
        var times = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var sw = Stopwatch.StartNew();
            await action();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static async Task<List<double>> TimeAsync(int iterations, Func<Task<int>> action) =>
        await TimeAsync(iterations, async () => { await action(); });
}
