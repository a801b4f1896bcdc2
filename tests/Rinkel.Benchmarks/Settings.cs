using System.Globalization;

namespace Rinkel.Benchmarks;

/// <summary>The command line of a benchmark run. Every size and count has a full and a --quick value.</summary>
internal sealed class Settings
{
    public const string Usage = """
        Rinkel benchmark: measures each figure of docs/performance.md next to its baseline and prints a table.

          dotnet run -c Release --project tests/Rinkel.Benchmarks [-- options]

        Options (defaults in brackets; --quick: tiny sizes, one iteration, only checks that it all still runs):
          --quick                    smoke mode for CI
          --runs N                   whole benchmark N times, then a table of the medians [1]
          --iterations N             timed repetitions of each module figure (after a warm-up) [7]
          --baseline-iterations N    timed repetitions of the slow sequential baselines [3]
          --latency MS               per-request latency of the fake API for the listing and id figures [20]
          --users N                  users in the listing figure [10000]
          --ids N                    ids piped in the id figure [1000]
          --call-records N           call records exported in the call-record figure [20000]
          --json-users N             users in the JSON CPU figure [10000]
          --json-rounds N            timed rounds of the JSON CPU figure [21]
          --memory-users N           users listed by the big memory child [100000]
          --memory-baseline-users N  users listed by the small memory child [10000]
          --memory-processes N       child processes per memory size [3]
          --import-runspaces N       fresh-runspace imports per module, after one warm-up each [15]
          --import-processes N       fresh-process imports per module [5]
          --max-concurrent-pages N   passed to Connect-Rinkel (default: the module's default)
          --max-concurrent-requests N  passed to Connect-Rinkel (default: the module's default)
          --max-concurrent-downloads N passed to Connect-Rinkel (default: the module's default)
          --audio-files N            files archived in the archive figure [200]
          --audio-bytes N            size of each archived file [1048576]
          --only LIST                comma-separated subset of: listing,ids,callrecords,json,import,memory,archive
          --module PATH              Rinkel.psd1 to measure [out/Rinkel/Rinkel.psd1, baked in at build]
          --results PATH             also write every run's raw figures as JSON to PATH
        Exit code: 0 when every figure was measured (whether or not its target was met), 1 on an error.
        """;

    public static readonly string[] AllFigures = ["listing", "ids", "callrecords", "json", "import", "memory", "archive"];

    public bool Quick { get; private set; }
    public int Runs { get; private set; } = 1;
    public int Iterations { get; private set; } = 7;
    public int BaselineIterations { get; private set; } = 3;
    public int LatencyMs { get; private set; } = 20;
    public int Users { get; private set; } = 10_000;
    public int Ids { get; private set; } = 1_000;
    public int CallRecords { get; private set; } = 20_000;
    public int JsonUsers { get; private set; } = 10_000;
    public int JsonRounds { get; private set; } = 21;
    public int MemoryUsers { get; private set; } = 100_000;
    public int MemoryBaselineUsers { get; private set; } = 10_000;
    public int MemoryProcesses { get; private set; } = 3;
    public int ImportRunspaces { get; private set; } = 15;
    public int ImportProcesses { get; private set; } = 5;
    public int? MaxConcurrentPages { get; private set; }
    public int? MaxConcurrentRequests { get; private set; }
    public int? MaxConcurrentDownloads { get; private set; }
    public int AudioFiles { get; private set; } = 200;
    public int AudioBytes { get; private set; } = 1_048_576;
    public HashSet<string> Only { get; private set; } = new(AllFigures, StringComparer.OrdinalIgnoreCase);
    public string? ModulePath { get; private set; }
    public string? ResultsPath { get; private set; }

    public bool Includes(string figure) => Only.Contains(figure);

    public static Settings Parse(string[] args)
    {
        var s = new Settings();
        if (args.Contains("--quick"))
        {
            s.Quick = true;
            s.Iterations = 1;
            s.BaselineIterations = 1;
            s.Users = 500;
            s.Ids = 40;
            s.CallRecords = 500;
            s.JsonUsers = 500;
            s.JsonRounds = 1;
            s.MemoryUsers = 2_000;
            s.MemoryBaselineUsers = 500;
            s.MemoryProcesses = 1;
            s.ImportRunspaces = 1;
            s.ImportProcesses = 1;
            s.AudioFiles = 12;
            s.AudioBytes = 65_536;
        }

        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Int(int min)
            {
                var text = Value();
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
                    throw new ArgumentException($"{name} needs an integer of at least {min}, not '{text}'.");
                return value;
            }

            switch (name)
            {
                case "--quick": break;
                case "--runs": s.Runs = Int(1); break;
                case "--iterations": s.Iterations = Int(1); break;
                case "--baseline-iterations": s.BaselineIterations = Int(1); break;
                case "--latency": s.LatencyMs = Int(0); break;
                case "--users": s.Users = Int(1); break;
                case "--ids": s.Ids = Int(1); break;
                case "--call-records": s.CallRecords = Int(1); break;
                case "--json-users": s.JsonUsers = Int(1); break;
                case "--json-rounds": s.JsonRounds = Int(1); break;
                case "--memory-users": s.MemoryUsers = Int(1); break;
                case "--memory-baseline-users": s.MemoryBaselineUsers = Int(1); break;
                case "--memory-processes": s.MemoryProcesses = Int(1); break;
                case "--import-runspaces": s.ImportRunspaces = Int(1); break;
                case "--import-processes": s.ImportProcesses = Int(1); break;
                case "--max-concurrent-pages": s.MaxConcurrentPages = Int(1); break;
                case "--max-concurrent-requests": s.MaxConcurrentRequests = Int(1); break;
                case "--max-concurrent-downloads": s.MaxConcurrentDownloads = Int(1); break;
                case "--audio-files": s.AudioFiles = Int(1); break;
                case "--audio-bytes": s.AudioBytes = Int(1); break;
                case "--module": s.ModulePath = Path.GetFullPath(Value()); break;
                case "--results": s.ResultsPath = Path.GetFullPath(Value()); break;
                case "--only":
                    var list = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = list.Where(f => !AllFigures.Contains(f, StringComparer.OrdinalIgnoreCase)).ToList();
                    if (unknown.Count > 0) throw new ArgumentException($"--only: unknown figure(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AllFigures)}.");
                    s.Only = new HashSet<string>(list, StringComparer.OrdinalIgnoreCase);
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        if (s.Ids > s.Users) s.Users = s.Ids; // the id figure asks for users that exist
        return s;
    }

    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{(Quick ? "QUICK mode (tiny sizes, 1 iteration: checks that the benchmark runs, the figures mean nothing); " : "")}" +
            $"runs {Runs}, iterations {Iterations}, baseline iterations {BaselineIterations}, latency {LatencyMs} ms, " +
            $"users {Users:N0}, ids {Ids:N0}, JSON users {JsonUsers:N0}, memory {MemoryUsers:N0} vs {MemoryBaselineUsers:N0} users, archive {AudioFiles:N0} x {AudioBytes:N0} bytes");
}
