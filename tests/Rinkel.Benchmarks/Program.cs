using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Rinkel.Benchmarks;

// Hidden sub-commands: the benchmark runs itself as a child process for the figures that need a fresh process.
try
{
    switch (args.FirstOrDefault())
    {
        case JsonFigure.ChildVerb: return JsonFigure.Child(args[1..]);
        case ImportFigure.ChildVerb: return ImportFigure.Child(args[1..]);
        case MemoryFigure.ChildVerb: return MemoryFigure.Child(args[1..]);
        case "--help" or "-h" or "-?":
            Console.WriteLine(Settings.Usage);
            return 0;
    }
}
catch (Exception ex)
{
    Console.Error.WriteLine(ex);
    return 1;
}

Settings settings;
try
{
    settings = Settings.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Settings.Usage);
    return 2;
}

try
{
    return await BenchmarkRun.RunAsync(settings);
}
catch (Exception ex)
{
    Console.Error.WriteLine("The benchmark failed: " + ex);
    return 1;
}

namespace Rinkel.Benchmarks
{
    internal static class Machine
    {
        /// <summary>The 1, 5 and 15 minute load averages (Linux), to tell a quiet machine from a busy one.</summary>
        public static string LoadAverage()
        {
            try
            {
                return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
            }
            catch (IOException)
            {
                return "unknown";
            }
            catch (UnauthorizedAccessException)
            {
                return "unknown";
            }
        }
    }

    internal static class BenchmarkRun
    {
        public static async Task<int> RunAsync(Settings s)
        {
            var log = Console.Out;
            using var modules = Modules.Snapshot(s.ModulePath);
            log.WriteLine("Rinkel benchmark");
            log.WriteLine($"  machine: {Environment.ProcessorCount} logical core(s), {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}");
            log.WriteLine($"  module:  {modules.Source} (build: {modules.Configuration}), measured from a private copy");
            log.WriteLine($"  settings: {s.Describe()}");
            if (!modules.Configuration.Split('+').All(c => c == "Release"))
                log.WriteLine("  WARNING: the module is not a Release build; build with -c Release for meaningful figures.");

            var runs = new List<List<Figure>>();
            var total = Stopwatch.StartNew();
            for (var run = 1; run <= s.Runs; run++)
            {
                log.WriteLine();
                log.WriteLine($"Run {run} of {s.Runs} (load average {Machine.LoadAverage()})");
                var figures = new List<Figure>();
                if (s.Includes("listing") || s.Includes("ids") || s.Includes("callrecords")) figures.AddRange(await NetworkFigures.RunAsync(s, modules, log));
                if (s.Includes("json")) figures.Add(await JsonFigure.RunAsync(s, modules, log));
                if (s.Includes("import")) figures.AddRange(await ImportFigure.RunAsync(s, modules, log));
                if (s.Includes("memory")) figures.Add(await MemoryFigure.RunAsync(s, modules, log));
                if (s.Includes("archive")) figures.Add(await AudioFigure.RunAsync(s, modules, log));
                runs.Add(figures);
                log.WriteLine($"  end of run {run} (load average {Machine.LoadAverage()})");
                if (s.Runs > 1)
                {
                    log.WriteLine();
                    log.Write(Table.Render(figures));
                }
            }

            var medians = runs[0].Select((f, i) => Figure.Median(runs.Select(r => r[i]).ToList())).ToList();
            log.WriteLine();
            log.WriteLine(s.Runs > 1
                ? $"Medians of {s.Runs} runs ({Environment.ProcessorCount} logical cores, {total.Elapsed.TotalMinutes:0.0} min in all):"
                : $"Results ({Environment.ProcessorCount} logical cores, {total.Elapsed.TotalMinutes:0.0} min):");
            log.WriteLine();
            log.Write(Table.Render(medians));
            log.WriteLine();
            log.WriteLine("Notes:");
            log.Write(Table.Notes(medians));
            if (s.Quick) log.WriteLine("QUICK mode: tiny sizes and one iteration; the figures above only show that the benchmark runs.");

            if (s.ResultsPath is string path)
            {
                var raw = runs.Select(r => r.Select(f => new
                {
                    f.Id,
                    f.Title,
                    Measured = f.Measured.Value,
                    f.Measured.Unit,
                    Baselines = f.Baselines.ToDictionary(b => b.Key, b => b.Value.Value),
                    f.Notes,
                }));
                await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { Cores = Environment.ProcessorCount, Settings = s.Describe(), Runs = raw }, new JsonSerializerOptions { WriteIndented = true }));
                log.WriteLine($"Raw figures written to {path}.");
            }

            var missed = medians.Where(f => f.Verdict == false).Select(f => f.Id).ToList();
            log.WriteLine(missed.Count == 0 ? "Every target met." : $"Targets missed: {string.Join(", ", missed)} (a report, not a failure: exit code 0).");
            return 0;
        }
    }
}
