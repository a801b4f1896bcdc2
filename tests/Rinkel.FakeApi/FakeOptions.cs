using System.Globalization;

namespace Rinkel.FakeApi;

/// <summary>What a running fake serves. Immutable: a request works on one snapshot even while a test reconfigures.</summary>
internal sealed record FakeConfig(int Users, int Seed, bool Meta, bool BareSingle, int LatencyMs, bool Odd)
{
    public static readonly FakeConfig Default = new(Users: 137, Seed: 1, Meta: true, BareSingle: false, LatencyMs: 0, Odd: false);

    /// <summary>How many generated call records the tenant's history holds (calls inserted later come on top).</summary>
    public int CallRecords { get; init; } = 1000;

    /// <summary>When the generated history ends, in unix seconds; null: a minute before the server started.</summary>
    public long? CallsEndAt { get; init; }

    /// <summary>Calls that end (are inserted, dated now) before each call-record or voicemail listing request is answered.</summary>
    public int InsertCallsPerListing { get; init; }

    /// <summary>Uploaded recordings the tenant holds (GET /recordings).</summary>
    public int Recordings { get; init; } = 57;

    /// <summary>How long an audio URL's token is valid (the contract: three hours); 0 issues tokens already expired.</summary>
    public int AudioTokenSeconds { get; init; } = 10_800;

    /// <summary>Every audio file's length in bytes; null: 16 kB per second of audio, at most 1 MB.</summary>
    public int? AudioBytes { get; init; }

    /// <summary>Throttles each audio body to this rate (so a test can stop a download midway); null: as fast as possible.</summary>
    public int? AudioBytesPerSecond { get; init; }
}

/// <summary>The command line. Everything in <see cref="Config"/> can later be changed through /_fake/config.</summary>
internal sealed record LaunchOptions(int Port, string ApiKey, bool ExitOnStdinClose, FakeConfig Config)
{
    public const int DefaultPort = 5180;
    public const string DefaultApiKey = "rinkel-sandbox-key";

    public const string Usage = """
        Usage: Rinkel.FakeApi [options]
          --port N                 port on 127.0.0.1 (default 5180; 0 = any free port)
          --api-key KEY            the accepted x-rinkel-api-key (default rinkel-sandbox-key)
          --users N                number of users in the tenant (default 137)
          --seed N                 tenant seed: other seeds give other ids and names (default 1)
          --no-meta                list responses carry only "data" (no "meta")
          --bare-single            GET /v1/users/{id} answers a bare user, not {"data": user}
          --latency-ms N           delay every /v1 request by N ms
          --odd                    some users carry beta-API oddities (rules in OddUsers.cs)
          --call-records N         generated call detail records in the history (default 1000)
          --recordings N           uploaded recordings (default 57)
          --audio-bytes N          every audio file is N bytes (default: by its duration, at most 1 MB)
          --exit-on-stdin-close    exit when standard input reaches end of file
        Control endpoints (no key): /_fake/config, /_fake/faults, /_fake/requests, /_fake/reset, /_fake/calls
        """;

    /// <summary>Parses the command line; on error returns null and a message for standard error.</summary>
    public static LaunchOptions? Parse(string[] args, out string? error)
    {
        error = null;
        var port = DefaultPort;
        var apiKey = DefaultApiKey;
        var exitOnStdinClose = false;
        var config = FakeConfig.Default;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--no-meta":
                    config = config with { Meta = false };
                    continue;
                case "--bare-single":
                    config = config with { BareSingle = true };
                    continue;
                case "--odd":
                    config = config with { Odd = true };
                    continue;
                case "--exit-on-stdin-close":
                    exitOnStdinClose = true;
                    continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"Unknown option or missing value: {arg}";
                return null;
            }

            var value = args[++i];
            switch (arg)
            {
                case "--api-key" when value.Length > 0:
                    apiKey = value;
                    break;
                case "--port" when TryInt(value, 0, 65535, out var p):
                    port = p;
                    break;
                case "--users" when TryInt(value, 0, int.MaxValue, out var u):
                    config = config with { Users = u };
                    break;
                case "--seed" when TryInt(value, int.MinValue, int.MaxValue, out var s):
                    config = config with { Seed = s };
                    break;
                case "--call-records" when TryInt(value, 0, 1_000_000, out var c):
                    config = config with { CallRecords = c };
                    break;
                case "--recordings" when TryInt(value, 0, 100_000, out var r):
                    config = config with { Recordings = r };
                    break;
                case "--audio-bytes" when TryInt(value, 1, 256 * 1024 * 1024, out var b):
                    config = config with { AudioBytes = b };
                    break;
                case "--latency-ms" when TryInt(value, 0, int.MaxValue, out var l):
                    config = config with { LatencyMs = l };
                    break;
                default:
                    error = $"Unknown option or invalid value: {arg} {value}";
                    return null;
            }
        }

        return new LaunchOptions(port, apiKey, exitOnStdinClose, config);
    }

    private static bool TryInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
        && value >= min && value <= max;
}
