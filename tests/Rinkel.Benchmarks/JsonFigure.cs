using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Rinkel.Testing;

namespace Rinkel.Benchmarks;

/// <summary>
/// CPU to turn JSON pages into users, without network: the client's own parse entry (ResponseReader.ReadPage
/// over an ApiResponse, what UserListing calls for every page) against a bare JsonSerializer.Deserialize with
/// the same JsonTypeInfo (the source-generated one with the client's wire names, WireContract.UserPage). Runs in a child process that loads Rinkel.Client from the module's
/// Dependencies folder, the very assembly Import-Module uses; the pages come from the fake over HTTP once.
/// </summary>
internal static class JsonFigure
{
    public const string ChildVerb = "json-child";

    public static async Task<Figure> RunAsync(Settings s, Modules modules, TextWriter log)
    {
        var pagesDir = Path.Combine(Path.GetTempPath(), $"rinkel-bench-pages-{Environment.ProcessId}");
        Directory.CreateDirectory(pagesDir);
        try
        {
            long bytes = 0;
            await using (var api = await FakeRinkelApi.StartAsync(new FakeApiOptions { Users = s.JsonUsers }))
            using (var http = new HttpClient())
            {
                http.DefaultRequestHeaders.Add("x-rinkel-api-key", api.ApiKey);
                var pages = (s.JsonUsers + 49) / 50;
                for (var page = 1; page <= pages; page++)
                {
                    var body = await http.GetByteArrayAsync($"{api.BaseUri}/users?page={page}&perPage=50");
                    bytes += body.Length;
                    await File.WriteAllBytesAsync(Path.Combine(pagesDir, $"page-{page:D6}.json"), body);
                }
            }

            log.WriteLine($"  parsing {s.JsonUsers:N0} users ({bytes / 1024.0 / 1024.0:0.0} MB of JSON pages) in a child, {s.JsonRounds} timed rounds");
            var result = await ChildProcess.RunAsync<JsonChildResult>(ChildVerb,
                ["--client", modules.ClientAssembly, "--pages", pagesDir, "--rounds", s.JsonRounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "--warmup-ms", s.Quick ? "200" : "2000"],
                TimeSpan.FromMinutes(10));
            if (result.Users != s.JsonUsers) throw new InvalidOperationException($"The JSON child parsed {result.Users} users instead of {s.JsonUsers}.");
            return new Figure
            {
                Id = "json",
                Title = Stats.Inv($"CPU to turn {s.JsonUsers:N0} users of JSON pages into objects"),
                Measured = new Quantity("ResponseReader.ReadPage", result.ClientMs, "ms"),
                Baselines = [("(a)", new Quantity("bare JsonSerializer.Deserialize", result.BareMs, "ms"))],
                Checks = [new("(a)", CheckKind.AtMost, 1.3)],
                Notes =
                [
                    Stats.Inv($"{bytes / 1024.0 / 1024.0:0.0} MB in {(s.JsonUsers + 49) / 50} pages; {result.ClientMs * 1000 / s.JsonUsers:0.00} us/user via ReadPage, {result.BareMs * 1000 / s.JsonUsers:0.00} us/user bare"),
                    Stats.Inv($"allocated per pass: ReadPage {result.ClientAllocated / 1024.0 / 1024.0:0.0} MB, bare {result.BareAllocated / 1024.0 / 1024.0:0.0} MB"),
                    Stats.Inv($"ReadPage rounds min {result.ClientMinMs:0.0} ms, bare rounds min {result.BareMinMs:0.0} ms"),
                ],
            };
        }
        finally
        {
            Directory.Delete(pagesDir, recursive: true);
        }
    }

    public sealed record JsonChildResult(int Users, double ClientMs, double BareMs, double ClientMinMs, double BareMinMs, long ClientAllocated, long BareAllocated);

    /// <summary>The child: json-child --client Rinkel.Client.dll --pages DIR --rounds N --warmup-ms MS.</summary>
    public static int Child(string[] args)
    {
        var named = ChildProcess.Named(args);
        var clientPath = Path.GetFullPath(named["client"]);
        // The client's models sit at the module root (Dependencies/..), where the module's resolver finds them too.
        var models = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(clientPath)!)!, "Rinkel.Models.dll");
        AssemblyLoadContext.Default.Resolving += (context, name) => name.Name == "Rinkel.Models" ? context.LoadFromAssemblyPath(models) : null;
        var client = AssemblyLoadContext.Default.LoadFromAssemblyPath(clientPath);
        var rounds = int.Parse(named["rounds"], System.Globalization.CultureInfo.InvariantCulture);
        var pages = Directory.GetFiles(named["pages"], "page-*.json").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();

        const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;
        var responseType = client.GetType("Rinkel.Client.ApiResponse", throwOnError: true)!;
        var readerType = client.GetType("Rinkel.Client.ResponseReader", throwOnError: true)!;
        var contractType = client.GetType("Rinkel.Client.Json.WireContract", throwOnError: true)!;
        var typeInfo = (JsonTypeInfo)contractType.GetProperty("UserPage", Any)!.GetValue(null)!;
        var pageType = typeInfo.Type;
        var userType = pageType.GetGenericArguments().Single();
        var readPage = (readerType.GetMethod("ReadPage", Any) ?? throw new MissingMethodException("ResponseReader.ReadPage")).MakeGenericMethod(userType);
        var ctor = responseType.GetConstructors(Any).Single();
        var uri = new Uri("http://127.0.0.1/v1/users?page=1&perPage=50");
        var responses = pages
            // Trailing optional parameters (the secrets to redact) take their defaults: reflection passes them explicitly.
            .Select(body => ctor.Invoke(new object?[] { "GET", uri, HttpStatusCode.OK, "OK", "application/json", body, 1, null }
                .Concat(ctor.GetParameters().Skip(8).Select(p => p.HasDefaultValue ? p.DefaultValue : null)).ToArray()))
            .ToArray();

        // Both paths get the same thin wrapper, so the comparison sees only what ReadPage adds.
        var viaClient = (Func<object, object>)typeof(JsonFigure).GetMethod(nameof(WrapReadPage), Any)!
            .MakeGenericMethod(responseType, pageType).Invoke(null, [readPage, typeInfo])!;
        var bare = (Func<byte[], object>)typeof(JsonFigure).GetMethod(nameof(WrapBare), Any)!
            .MakeGenericMethod(pageType).Invoke(null, [typeInfo])!;

        var dataProperty = pageType.GetProperty("Data")!;
        var users = responses.Sum(r => ((System.Collections.ICollection)dataProperty.GetValue(viaClient(r))!).Count);
        var bareUsers = pages.Sum(p => ((System.Collections.ICollection)dataProperty.GetValue(bare(p))!).Count);
        if (users != bareUsers) throw new InvalidOperationException($"ReadPage saw {users} users, the bare deserializer {bareUsers}.");

        void PassClient() { foreach (var r in responses) GC.KeepAlive(viaClient(r)); }
        void PassBare() { foreach (var p in pages) GC.KeepAlive(bare(p)); }

        // Warm-up, by time: tiered compilation promotes hot methods in the background after a delay, so a count of
        // passes alone can end before the optimized code is in place.
        var warmUpMs = int.Parse(named["warmup-ms"], System.Globalization.CultureInfo.InvariantCulture);
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < 3 || warming.ElapsedMilliseconds < warmUpMs; i++) { PassClient(); PassBare(); }

        var clientTimes = new List<double>();
        var bareTimes = new List<double>();
        long clientAllocated = 0, bareAllocated = 0;
        for (var round = 0; round < rounds; round++)
        {
            // Alternate which goes first, so drift (thermal, the other process) hits both alike.
            if (round % 2 == 0)
            {
                clientTimes.Add(Measure(PassClient, out clientAllocated));
                bareTimes.Add(Measure(PassBare, out bareAllocated));
            }
            else
            {
                bareTimes.Add(Measure(PassBare, out bareAllocated));
                clientTimes.Add(Measure(PassClient, out clientAllocated));
            }
        }

        ChildProcess.Report(new JsonChildResult(users, Stats.Median(clientTimes), Stats.Median(bareTimes), clientTimes.Min(), bareTimes.Min(), clientAllocated, bareAllocated));
        return 0;
    }

    private static double Measure(Action pass, out long allocated)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        pass();
        var elapsed = sw.Elapsed.TotalMilliseconds;
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return elapsed;
    }

    private static Func<object, object> WrapReadPage<TResponse, TPage>(MethodInfo readPage, JsonTypeInfo typeInfo)
    {
        var typed = readPage.CreateDelegate<Func<TResponse, JsonTypeInfo<TPage>, TPage>>();
        var info = (JsonTypeInfo<TPage>)typeInfo;
        return response => typed((TResponse)response, info)!;
    }

    private static Func<byte[], object> WrapBare<TPage>(JsonTypeInfo typeInfo)
    {
        var typed = (JsonTypeInfo<TPage>)typeInfo;
        return body => JsonSerializer.Deserialize(body, typed)!;
    }
}
