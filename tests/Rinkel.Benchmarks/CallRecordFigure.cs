using System.Text.Json;
using Rinkel.Testing;

namespace Rinkel.Benchmarks;

/// <summary>
/// Exporting the call history: Get-RinkelCallRecord | Export-Csv in a runspace, next to the perPage=10 loop users
/// write by hand (listing only, so the ratio is conservative) and the floor the page window allows.
/// </summary>
internal static partial class NetworkFigures
{
    private static async Task<Figure> CallRecordExportAsync(Settings s, FakeRinkelApi api, PsSession session, HttpClient http, int window, TextWriter log)
    {
        await api.ConfigureAsync(new FakeApiConfig { CallRecords = s.CallRecords });
        // Export-Csv is not part of the engine-only runspace: load it from its package, as the engine tests do.
        session.ImportModule(typeof(Microsoft.PowerShell.Commands.ExportCsvCommand).Assembly.Location);
        var csv = Path.Combine(Path.GetTempPath(), $"rinkel-bench-{Environment.ProcessId}.csv");
        const string Export = "Get-RinkelCallRecord | Export-Csv -Path $args[0] -NoTypeInformation -Encoding utf8; @(Import-Csv -Path $args[0]).Count";
        int Exported() => (int)session.Script(Export, csv).Single().BaseObject;
        try
        {
            log.WriteLine($"  exporting {s.CallRecords:N0} call records through Get-RinkelCallRecord | Export-Csv (window {window}), warm-up + {s.Iterations} timed");
            Expect(Exported(), s.CallRecords, "warm-up export");
            await api.ClearRequestsAsync();
            var module = Time(s.Iterations, () => Expect(Exported(), s.CallRecords, "export"));
            var server = ServerView(await api.GetRequestsAsync(), "/v1/call-detail-records", s.Iterations, window);

            log.WriteLine($"  baseline (a): sequential perPage=10 over HttpClient (no CSV written), {s.BaselineIterations} timed");
            await NaiveCallRecordsAsync(http, api.BaseUri, 10, pages: 1);
            var naive10 = await TimeAsync(s.BaselineIterations, async () => Expect(await NaiveCallRecordsAsync(http, api.BaseUri, 10), s.CallRecords, "naive call records"));

            var pages = (s.CallRecords + ModulePageSize - 1) / ModulePageSize;
            var floor = s.LatencyMs * (1 + Math.Ceiling((pages - 1) / (double)window));
            return new Figure
            {
                Id = "callrecords",
                Title = Stats.Inv($"export {s.CallRecords:N0} call records to CSV, {s.LatencyMs} ms latency, Get-RinkelCallRecord piped to Export-Csv (window {window})"),
                Measured = new Quantity("Get-RinkelCallRecord to Export-Csv", Stats.Median(module), "ms"),
                Baselines =
                [
                    ("(a)", new Quantity("naive perPage=10, listing only", Stats.Median(naive10), "ms")),
                    ("(c)", new Quantity(Stats.Inv($"floor {s.LatencyMs}x(1+ceil(({pages}-1)/{window}))"), floor, "ms")),
                ],
                Checks = [new("(a)", CheckKind.FasterBy, 20), new("(c)", CheckKind.AtMost, 1.15)],
                Notes =
                [
                    "export" + Stats.Spread(module, "ms") + "; (a)" + Stats.Spread(naive10, "ms"),
                    "module, as the fake saw it: " + server,
                ],
            };
        }
        finally
        {
            File.Delete(csv);
        }
    }

    /// <summary>The loop by hand: one page of call records after another until a short or the last page.</summary>
    private static async Task<int> NaiveCallRecordsAsync(HttpClient http, Uri baseUri, int perPage, int pages = int.MaxValue)
    {
        var records = 0;
        for (var page = 1; page <= pages; page++)
        {
            var body = await http.GetByteArrayAsync($"{baseUri}/call-detail-records?page={page}&perPage={perPage}");
            using var document = JsonDocument.Parse(body);
            var data = document.RootElement.GetProperty("data");
            foreach (var record in data.EnumerateArray()) _ = record.GetProperty("id").GetString();
            var count = data.GetArrayLength();
            records += count;
            var last = document.RootElement.TryGetProperty("meta", out var meta)
                && meta.GetProperty("pagination").GetProperty("totalPages").GetInt32() <= page;
            if (count < perPage || last) break;
        }

        return records;
    }
}
