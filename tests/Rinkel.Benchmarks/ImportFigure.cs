using System.Collections;
using System.Diagnostics;
using Rinkel.Testing;

namespace Rinkel.Benchmarks;

/// <summary>
/// Start-up: Import-Module of out/Rinkel against a one-cmdlet binary module, in fresh runspaces of this process
/// (the assemblies load once per process, so these are the repeat imports a runspace pool or a second session
/// pays) and in fresh processes (the first import, assembly loading included); then the first call's cost.
/// </summary>
internal static class ImportFigure
{
    public const string ChildVerb = "import-child";

    public static async Task<List<Figure>> RunAsync(Settings s, Modules modules, TextWriter log)
    {
        var figures = new List<Figure>();

        // Fresh processes first, alternating the two modules.
        log.WriteLine($"  first import in {s.ImportProcesses} fresh process(es) per module, then the first calls");
        await using var api = await FakeRinkelApi.StartAsync(new FakeApiOptions { Users = 1_000 });
        var rinkelChildren = new List<ImportChildResult>();
        var baselineChildren = new List<ImportChildResult>();
        for (var i = 0; i < s.ImportProcesses; i++)
        {
            var order = i % 2 == 0 ? new[] { true, false } : [false, true];
            foreach (var rinkel in order)
            {
                if (rinkel)
                {
                    rinkelChildren.Add(await ChildProcess.RunAsync<ImportChildResult>(ChildVerb,
                        ["--module", modules.RinkelManifest, "--base", api.BaseUri.ToString(), "--key", api.ApiKey], TimeSpan.FromMinutes(2)));
                }
                else
                {
                    baselineChildren.Add(await ChildProcess.RunAsync<ImportChildResult>(ChildVerb, ["--module", modules.BaselineManifest], TimeSpan.FromMinutes(2)));
                }
            }
        }

        // Fresh runspaces in this process: one warm-up import each (loads the assemblies), then alternate.
        log.WriteLine($"  import in fresh runspaces of this process: warm-up + {s.ImportRunspaces} per module");
        var variants = new[] { modules.RinkelManifest, modules.BaselineManifest, modules.RinkelWithoutFormatsManifest, modules.BaselineWithFormatsManifest, modules.BaselineWithMinimalFormatManifest };
        foreach (var variant in variants) ImportInFreshRunspace(variant);
        var times = variants.ToDictionary(v => v, _ => new List<double>());
        for (var i = 0; i < s.ImportRunspaces; i++)
        {
            // Rotate the order so that no variant always follows the same one.
            for (var k = 0; k < variants.Length; k++)
            {
                var variant = variants[(i + k) % variants.Length];
                times[variant].Add(ImportInFreshRunspace(variant));
            }
        }

        var rinkelRunspaces = times[modules.RinkelManifest];
        var baselineRunspaces = times[modules.BaselineManifest];
        var withoutFormats = times[modules.RinkelWithoutFormatsManifest];
        var baselineWithFormats = times[modules.BaselineWithFormatsManifest];
        var baselineWithMinimalFormat = times[modules.BaselineWithMinimalFormatManifest];

        figures.Add(new Figure
        {
            Id = "import-runspace",
            Title = "Import-Module of out/Rinkel in a fresh runspace (assemblies already loaded)",
            Measured = new Quantity("Rinkel", Stats.Median(rinkelRunspaces), "ms"),
            Baselines = [("(a)", new Quantity("one-cmdlet binary module", Stats.Median(baselineRunspaces), "ms"))],
            Checks = [new("(a)", CheckKind.AtMost, 1.5)],
            Notes =
            [
                "Rinkel" + Stats.Spread(rinkelRunspaces, "ms") + "; baseline" + Stats.Spread(baselineRunspaces, "ms"),
                "Rinkel's manifest without FormatsToProcess (same Rinkel.dll): " + Stats.Ms(Stats.Median(withoutFormats)) + Stats.Spread(withoutFormats, "ms")
                    + ", so the format file costs about " + Stats.Ms(Stats.Median(rinkelRunspaces) - Stats.Median(withoutFormats)),
                "the baseline module with Rinkel.Format.ps1xml added to its manifest: " + Stats.Ms(Stats.Median(baselineWithFormats)) + Stats.Spread(baselineWithFormats, "ms")
                    + "; with a minimal one-view format file instead: " + Stats.Ms(Stats.Median(baselineWithMinimalFormat)) + Stats.Spread(baselineWithMinimalFormat, "ms"),
            ],
        });

        var rinkelImports = rinkelChildren.Select(c => c.ImportMs).ToList();
        var baselineImports = baselineChildren.Select(c => c.ImportMs).ToList();
        var baselineLoads = baselineChildren.SelectMany(c => c.LoadedByImport).ToHashSet(StringComparer.Ordinal);
        var rinkelOnlyLoads = rinkelChildren.SelectMany(c => c.LoadedByImport).Where(a => !baselineLoads.Contains(a)).Distinct().Order(StringComparer.Ordinal).ToList();
        figures.Add(new Figure
        {
            Id = "import-process",
            Title = "Import-Module of out/Rinkel, first in a fresh process",
            Measured = new Quantity("Rinkel", Stats.Median(rinkelImports), "ms"),
            Baselines = [("(a)", new Quantity("one-cmdlet binary module", Stats.Median(baselineImports), "ms"))],
            Checks = [new("(a)", CheckKind.AtMost, 1.5)],
            Notes =
            [
                "Rinkel" + Stats.Spread(rinkelImports, "ms") + "; baseline" + Stats.Spread(baselineImports, "ms"),
                "assemblies loaded by Import-Module of Rinkel, beyond those the baseline's import loads: "
                    + (rinkelOnlyLoads.Count == 0 ? "(none)" : string.Join(", ", rinkelOnlyLoads)),
                "runspace open before the import (not timed): " + Stats.Ms(Stats.Median(rinkelChildren.Concat(baselineChildren).Select(c => c.RunspaceOpenMs))),
            ],
        });

        var firstCall = rinkelChildren.Select(c => c.FirstConnectMs!.Value + c.FirstListMs!.Value).ToList();
        var secondCall = rinkelChildren.Select(c => c.SecondConnectMs!.Value + c.SecondListMs!.Value).ToList();
        var firstCallLoads = rinkelChildren.SelectMany(c => c.LoadedByFirstCall ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
        figures.Add(new Figure
        {
            Id = "first-call",
            Title = "first Connect-Rinkel + Get-RinkelUser -First 50 after import, fresh process, no latency",
            Measured = new Quantity("first call", Stats.Median(firstCall), "ms"),
            Baselines = [("(a)", new Quantity("the same again", Stats.Median(secondCall), "ms"))],
            Checks = [new("(a)", CheckKind.AtMost, null)],
            Notes =
            [
                Stats.Inv($"first Connect-Rinkel {Stats.Median(rinkelChildren.Select(c => c.FirstConnectMs!.Value)):0} ms, first Get-RinkelUser -First 50 {Stats.Median(rinkelChildren.Select(c => c.FirstListMs!.Value)):0} ms; again: {Stats.Median(rinkelChildren.Select(c => c.SecondConnectMs!.Value)):0.0} ms and {Stats.Median(rinkelChildren.Select(c => c.SecondListMs!.Value)):0.0} ms"),
                "assemblies the first call loads: " + (firstCallLoads.Count == 0 ? "(none)" : string.Join(", ", firstCallLoads)),
            ],
        });
        return figures;
    }

    private static double ImportInFreshRunspace(string manifest)
    {
        using var session = new PsSession();
        var sw = Stopwatch.StartNew();
        session.ImportModule(manifest);
        return sw.Elapsed.TotalMilliseconds;
    }

    public sealed record ImportChildResult(
        double RunspaceOpenMs,
        double ImportMs,
        string[] LoadedByImport,
        double? FirstConnectMs,
        double? FirstListMs,
        double? SecondConnectMs,
        double? SecondListMs,
        string[]? LoadedByFirstCall);

    /// <summary>The child: import-child --module PSD1 [--base URI --key KEY].</summary>
    public static int Child(string[] args)
    {
        var named = ChildProcess.Named(args);
        var sw = Stopwatch.StartNew();
        using var session = new PsSession();
        var openMs = sw.Elapsed.TotalMilliseconds;

        var before = LoadedAssemblies();
        sw.Restart();
        session.ImportModule(named["module"]);
        var importMs = sw.Elapsed.TotalMilliseconds;
        var afterImport = LoadedAssemblies();
        var loadedByImport = afterImport.Except(before).Order(StringComparer.Ordinal).ToArray();

        double? firstConnect = null, firstList = null, secondConnect = null, secondList = null;
        string[]? loadedByFirstCall = null;
        if (named.TryGetValue("base", out var baseUri))
        {
            var key = named["key"];
            (firstConnect, firstList) = Call(session, new Uri(baseUri), key);
            loadedByFirstCall = LoadedAssemblies().Except(afterImport).Order(StringComparer.Ordinal).ToArray();
            (secondConnect, secondList) = Call(session, new Uri(baseUri), key);
        }

        ChildProcess.Report(new ImportChildResult(openMs, importMs, loadedByImport, firstConnect, firstList, secondConnect, secondList, loadedByFirstCall));
        return 0;
    }

    private static (double Connect, double List) Call(PsSession session, Uri baseUri, string key)
    {
        var sw = Stopwatch.StartNew();
        session.Connect(baseUri, key, null, null);
        var connect = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var users = session.Command("Get-RinkelUser", new Hashtable { ["First"] = 50 }).Count;
        var list = sw.Elapsed.TotalMilliseconds;
        if (users != 50) throw new InvalidOperationException($"Get-RinkelUser -First 50 returned {users} users.");
        return (connect, list);
    }

    private static HashSet<string> LoadedAssemblies() =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? "?").ToHashSet(StringComparer.Ordinal);
}
