using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Rinkel.Testing;

namespace Rinkel.Benchmarks;

/// <summary>
/// Streaming stays flat: the peak memory of a process that lists N users into a discarding consumer
/// (Get-RinkelUser | ForEach-Object { $n++ }), for a big N against a small one. One child process per
/// measurement, all started the same way (same runtime configuration, so the same GC settings).
/// </summary>
internal static class MemoryFigure
{
    public const string ChildVerb = "memory-child";

    public static async Task<Figure> RunAsync(Settings s, Modules modules, TextWriter log)
    {
        log.WriteLine($"  peak memory listing {s.MemoryUsers:N0} vs {s.MemoryBaselineUsers:N0} users, no latency, {s.MemoryProcesses} child process(es) each");
        await using var api = await FakeRinkelApi.StartAsync(new FakeApiOptions { Users = s.MemoryUsers });
        var big = new List<MemoryChildResult>();
        var small = new List<MemoryChildResult>();
        for (var i = 0; i < s.MemoryProcesses; i++)
        {
            foreach (var users in i % 2 == 0 ? new[] { s.MemoryBaselineUsers, s.MemoryUsers } : [s.MemoryUsers, s.MemoryBaselineUsers])
            {
                await api.ConfigureAsync(new FakeApiConfig { Users = users });
                await api.ClearRequestsAsync();
                var result = await ChildProcess.RunAsync<MemoryChildResult>(ChildVerb,
                    ["--module", modules.RinkelManifest, "--base", api.BaseUri.ToString(), "--key", api.ApiKey, "--users", users.ToString(CultureInfo.InvariantCulture)],
                    TimeSpan.FromMinutes(10));
                (users == s.MemoryUsers ? big : small).Add(result);
            }
        }

        static double Mb(double bytes) => bytes / (1024.0 * 1024.0);
        var gc = big[0];
        return new Figure
        {
            Id = "memory",
            Title = Stats.Inv($"peak memory listing {s.MemoryUsers:N0} users (no latency), piped to ForEach-Object {{}}"),
            Measured = new Quantity(Stats.Inv($"{s.MemoryUsers:N0} users"), Mb(Stats.Median(big.Select(r => (double)r.PeakWorkingSet))), "MB"),
            Baselines = [("(a)", new Quantity(Stats.Inv($"{s.MemoryBaselineUsers:N0} users"), Mb(Stats.Median(small.Select(r => (double)r.PeakWorkingSet))), "MB"))],
            Checks = [new("(a)", CheckKind.AtMost, 1.25)],
            Notes =
            [
                "peak working set " + (gc.PeakIsForListing ? "during the listing (VmHWM reset just before it)" : "of the whole process (VmHWM could not be reset)")
                    + Stats.Inv($"; working set just before the listing: {Mb(Stats.Median(big.Select(r => (double)r.WorkingSetBefore))):0.0} MB ({s.MemoryUsers:N0}) / {Mb(Stats.Median(small.Select(r => (double)r.WorkingSetBefore))):0.0} MB ({s.MemoryBaselineUsers:N0})"),
                Stats.Inv($"growth of the working set over the listing: {Mb(Stats.Median(big.Select(r => (double)(r.PeakWorkingSet - r.WorkingSetBefore)))):0.0} MB vs {Mb(Stats.Median(small.Select(r => (double)(r.PeakWorkingSet - r.WorkingSetBefore)))):0.0} MB"),
                Stats.Inv($"peak managed heap (sampled every ms): {Mb(Stats.Median(big.Select(r => (double)r.PeakManaged))):0.0} MB vs {Mb(Stats.Median(small.Select(r => (double)r.PeakManaged))):0.0} MB; allocated during the listing {Mb(Stats.Median(big.Select(r => (double)r.Allocated))):0} MB vs {Mb(Stats.Median(small.Select(r => (double)r.Allocated))):0} MB"),
                Stats.Inv($"listing took {Stats.Ms(Stats.Median(big.Select(r => r.ElapsedMs)))} vs {Stats.Ms(Stats.Median(small.Select(r => r.ElapsedMs)))}; GCs gen0/1/2 {gc.Gen0}/{gc.Gen1}/{gc.Gen2} ({s.MemoryUsers:N0}); GC: {gc.GcMode}"),
            ],
        };
    }

    public sealed record MemoryChildResult(
        long Listed,
        double ElapsedMs,
        long PeakWorkingSet,
        bool PeakIsForListing,
        long WorkingSetBefore,
        long PeakManaged,
        long Allocated,
        int Gen0,
        int Gen1,
        int Gen2,
        string GcMode);

    /// <summary>The child: memory-child --module PSD1 --base URI --key KEY --users N.</summary>
    public static int Child(string[] args)
    {
        var named = ChildProcess.Named(args);
        var expected = long.Parse(named["users"], CultureInfo.InvariantCulture);
        using var session = new PsSession();
        session.ImportModule(named["module"]);
        session.Connect(new Uri(named["base"]), named["key"], null, null);
        session.Script("Get-RinkelUser -First 100 | ForEach-Object { }"); // the code paths, jitted once

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var resetPeak = ResetPeakWorkingSet();
        var before = CurrentWorkingSet();
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes(precise: false);

        long peakManaged = GC.GetTotalMemory(false);
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
                Thread.Sleep(1);
            }
        }) { IsBackground = true, Name = "heap sampler" };
        sampler.Start();

        var sw = Stopwatch.StartNew();
        var listed = Convert.ToInt64(session.Script("$n = 0; Get-RinkelUser | ForEach-Object { $n++ }; $n").Single().BaseObject, CultureInfo.InvariantCulture);
        var elapsed = sw.Elapsed.TotalMilliseconds;
        stop.Cancel();
        sampler.Join();
        if (listed != expected) throw new InvalidOperationException($"Listed {listed} users instead of {expected}.");

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var mode = (GCSettings.IsServerGC ? "server" : "workstation")
            + (AppContext.GetData("System.GC.Concurrent") is bool concurrent && !concurrent ? ", non-concurrent" : ", concurrent")
            + ", latency mode " + GCSettings.LatencyMode;
        ChildProcess.Report(new MemoryChildResult(
            listed, elapsed, self.PeakWorkingSet64, resetPeak, before, peakManaged,
            GC.GetTotalAllocatedBytes(precise: false) - allocated,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2, mode));
        return 0;
    }

    private static long CurrentWorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }

    // Linux: writing 5 to clear_refs resets the peak RSS (VmHWM) to the current RSS, so the peak read at the end is
    // the listing's own and not the runspace start-up's.
    private static bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }
}
