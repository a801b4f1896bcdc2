using System.Collections;
using System.Management.Automation;
using System.Reflection;
using System.Security;
using System.Text;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

/// <summary>
/// The API key is a canary: a full scenario with every stream on and every kind of error provoked must not let it
/// (or a recognisable piece of it) reach any stream, object, rendering or file.
/// </summary>
public sealed class SecretHygieneTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private static string Id(int index) => FakeRinkelApi.UserId(index);

    /// <summary>The whole key and its random tail, so a truncated or partly masked copy is caught too.</summary>
    private string[] Canaries => [Api.ApiKey, Api.ApiKey[^12..]];

    [Fact]
    public async Task A_full_scenario_leaks_the_key_into_no_stream_object_rendering_or_file()
    {
        var started = DateTime.UtcNow.AddSeconds(-1);
        var results = new List<PsResult>();
        PsResult Step(string script, params object?[] args)
        {
            var result = Session.Run(script, args);
            results.Add(result);
            return result;
        }

        try
        {
            // Every stream on, under fault injection, with every object walked. Transcripts, Format-List * -Force and
            // Export-Clixml on a real pwsh are in tests/Pester/SecretHygiene.Tests.ps1.
            Step("""
                $global:VerbosePreference = 'Continue'; $global:DebugPreference = 'Continue'; $global:WarningPreference = 'Continue'
                $global:InformationPreference = 'Continue'; $global:ProgressPreference = 'Continue'
                """).ThrowIfFailed();
            Step("""
                $global:conn = Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1] -MaxRetryCount 1 -TimeoutSec 1 -PassThru
                $conn; Get-RinkelConnection; "$conn"; [string]$conn
                $conn | Out-Host
                Get-RinkelConnection | Out-Host
                [System.Text.Json.JsonSerializer]::Serialize($conn.PSObject.BaseObject, $conn.PSObject.BaseObject.GetType(), [System.Text.Json.JsonSerializerOptions]::new())
                """, FakeApiFixture.Secure(Api.ApiKey), Api.BaseUri).ThrowIfFailed();

            // A listing with a retried 503, rendered, serialized and written out.
            await Api.AddFaultsAsync(FakeFault.Status(503, page: 2));
            var listing = Step("""
                $global:users = Get-RinkelUser -Connection $conn
                $users[0..2] | Out-Host
                [System.Management.Automation.PSSerializer]::Serialize($users[0..2], 5)
                $users
                """).ThrowIfFailed();
            Assert.Equal(137 + 1, listing.Output.Count);
            Assert.Contains(listing.Verbose, v => v.StartsWith("Retrying "));
            Assert.NotEmpty(listing.Debug);

            // Non-terminating errors: a 404 and a 500.
            Assert.Single(Step("Get-RinkelUser -Id $args[0], '64a6b60be7ce3a7774155263'", Id(1)).Errors);
            await Api.AddFaultsAsync(FakeFault.Status(500, path: "/v1/users/*"));
            Assert.Single(Step("Get-RinkelUser -Id $args[0]", Id(2)).Errors);

            // Terminating errors: a timeout, a malformed body, an HTML gateway page and a 401 mid-listing.
            var kinds = new List<string>();
            foreach (var fault in new[]
                     {
                         FakeFault.Delay(5000, page: 2, times: 2),
                         FakeFault.Malformed(MalformedVariant.InvalidJson, page: 2),
                         FakeFault.Malformed(MalformedVariant.Html, page: 2, times: 2),
                         FakeFault.Status(401, page: 2),
                     })
            {
                await Api.AddFaultsAsync(fault);
                kinds.Add(Step("Get-RinkelUser -First 60").Terminating!.FullyQualifiedErrorId.Split(',')[0]);
            }

            Assert.Equal(["RinkelTimeout", "RinkelInvalidResponse", "RinkelServerError", "RinkelAuthenticationFailed"], kinds);

            // Connect-Rinkel's own failures: a rejected key, a key that cannot be sent, a base URI with user info.
            Assert.Equal("RinkelApiKeyRejected", Step("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1]",
                FakeApiFixture.Secure(Api.ApiKey + "-wrong"), Api.BaseUri).Terminating?.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal("RinkelApiKeyInvalid", Step("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1]",
                FakeApiFixture.Secure(Api.ApiKey + "\r\nX-Leak: 1"), Api.BaseUri).Terminating?.FullyQualifiedErrorId.Split(',')[0]);
            Assert.NotNull(Step("Connect-Rinkel -ApiKey $args[0] -BaseUri 'https://user:pw@api.rinkel.com/v1'",
                FakeApiFixture.Secure(Api.ApiKey)).Terminating);

            // Every error as a user would look at it: the error view, each record's full text, and serialized.
            Step("""
                $Error | Out-Host
                foreach ($e in $Error) { $e | Out-Host; "$e"; $e.Exception.ToString(); $e.InvocationInfo.PositionMessage }
                [System.Management.Automation.PSSerializer]::Serialize($Error, 5)
                $Error
                """);

            var texts = new List<string> { Session.Host.Text };
            var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
            foreach (var result in results)
            {
                texts.Add(result.AllText());
                foreach (var output in result.Output) Walk(output, texts, seen, 0);
                foreach (var error in result.AllErrors) Walk(error, texts, seen, 0);
                foreach (var progress in result.Progress) Walk(progress, texts, seen, 0);
            }

            // The scan saw what it should have: retries, errors of every kind, rendered views.
            var all = string.Join("\n", texts);
            foreach (var expected in new[] { "Retrying GET", "RinkelTimeout", "RinkelApiKeyRejected", "No response within 1 s", "HTML page", "Objs Version=" })
            {
                Assert.Contains(expected, all);
            }

            Assert.True(texts.Count > 1000, $"only {texts.Count} texts were scanned");
            Assert.ThrowsAny<Exception>(() => AssertClean(["a leak: " + Api.ApiKey[3..]], "the scanner's own check"));
            AssertClean(texts, "the scenario's streams, objects or renderings");

            // No file the module folder holds, nor any file written meanwhile where a module might keep a log, a
            // cache or settings, has it.
            foreach (var file in FilesToScan(started))
            {
                byte[] bytes;
                try
                {
                    bytes = File.ReadAllBytes(file);
                }
                catch (IOException)
                {
                    continue;
                }
                catch (UnauthorizedAccessException)
                {
                    continue;
                }

                AssertClean([Encoding.UTF8.GetString(bytes), Encoding.Unicode.GetString(bytes)], file);
            }

            Assert.All(await Api.GetRequestsAsync(), r => Assert.True(r.ApiKeyValid || r.Status == 401));
        }
        finally
        {
            Session.Run("$global:VerbosePreference = 'SilentlyContinue'; $global:DebugPreference = 'SilentlyContinue'; $global:InformationPreference = 'SilentlyContinue'");
        }
    }

    private static IEnumerable<string> FilesToScan(DateTime since)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var file in Directory.EnumerateFiles(ModuleSession.ModuleDirectory, "*", options)) yield return file;

        // Where a module keeps settings, caches and logs. Not the temp folder: it is shared with every other process
        // and holds named pipes that would block a read.
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var places = new[] { Path.Combine(home, ".cache"), Path.Combine(home, ".config"), Path.Combine(home, ".local", "share") };
        foreach (var place in places.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(place, "*", options))
            {
                // Pipes and sockets show as empty files; an empty file holds no key either.
                var info = new FileInfo(file);
                if (info.LastWriteTimeUtc >= since && info.Length is > 0 and < 5 * 1024 * 1024) yield return file;
            }
        }
    }

    /// <summary>
    /// Collects the text of <paramref name="value"/>: its ToString, and recursively every property value of PowerShell
    /// objects, errors, exceptions, invocation info and Rinkel's own types.
    /// </summary>
    private static void Walk(object? value, List<string> texts, HashSet<object> seen, int depth)
    {
        if (value is null || depth > 8) return;
        if (value is PSObject wrapped)
        {
            texts.Add(SafeToString(wrapped));
            if (!seen.Add(wrapped)) return;
            foreach (var property in wrapped.Properties)
            {
                Walk(SafeValue(() => property.Value), texts, seen, depth + 1);
            }

            value = wrapped.BaseObject;
            if (value is PSCustomObject) return;
        }

        if (value is string s)
        {
            texts.Add(s);
            return;
        }

        var type = value.GetType();
        texts.Add(SafeToString(value));
        if (type.IsPrimitive || type.IsEnum || value is SecureString || !seen.Add(value)) return;
        if (value is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                Walk(entry.Key, texts, seen, depth + 1);
                Walk(entry.Value, texts, seen, depth + 1);
            }

            return;
        }

        if (value is IEnumerable items)
        {
            foreach (var item in items.Cast<object>().Take(500)) Walk(item, texts, seen, depth + 1);
            return;
        }

        var descend = type.Namespace?.StartsWith("Rinkel", StringComparison.Ordinal) == true
                      || value is Exception or ErrorRecord or ErrorDetails or ErrorCategoryInfo or InvocationInfo or ProgressRecord or InformationRecord;
        if (!descend) return;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name is "MyCommand" or "TargetSite") continue;
            Walk(SafeValue(() => property.GetValue(value)), texts, seen, depth + 1);
        }
    }

    private static string SafeToString(object value)
    {
        try
        {
            return value.ToString() ?? "";
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }

    private static object? SafeValue(Func<object?> read)
    {
        try
        {
            return read();
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }

    [Fact]
    public void The_connection_object_holds_the_key_in_no_string_anywhere_it_reaches()
    {
        var connection = Session.Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1] -PassThru", FakeApiFixture.Secure(Api.ApiKey), Api.BaseUri)
            .ThrowIfFailed().Output.Single();

        var strings = new List<string>();
        var secureStrings = 0;
        CollectFields(connection.BaseObject, strings, ref secureStrings, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);

        Assert.NotEmpty(strings);
        Assert.Equal(1, secureStrings); // the key, and only as a SecureString
        AssertClean(strings, "the fields of the connection");
    }

    [Fact]
    public void Errors_carry_the_request_URL_and_nothing_secret()
    {
        Connect();
        var result = Session.Run("Get-RinkelUser -Id '64a6b60be7ce3a7774155263'");
        var error = Assert.Single(result.Errors);
        var exception = PSObject.AsPSObject(error.Exception);
        Assert.Equal(Api.BaseUri + "/users/64a6b60be7ce3a7774155263", exception.Properties["RequestUri"].Value.ToString());
        AssertClean([error.ToString(), error.Exception.ToString(), error.TargetObject?.ToString() ?? ""], "the error record");
    }

    private void AssertClean(IEnumerable<string> texts, string where)
    {
        foreach (var text in texts)
        {
            foreach (var canary in Canaries)
            {
                Assert.False(text.Contains(canary, StringComparison.Ordinal), $"The API key leaked into {where}: {text}");
            }
        }
    }

    /// <summary>Every string reachable through the fields of Rinkel's own objects.</summary>
    private static void CollectFields(object? value, List<string> strings, ref int secureStrings, HashSet<object> seen, int depth)
    {
        if (value is null || depth > 8) return;
        if (value is string s)
        {
            strings.Add(s);
            return;
        }

        if (value is SecureString)
        {
            secureStrings++;
            return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || !seen.Add(value)) return;
        if (value is Uri uri)
        {
            strings.Add(uri.OriginalString);
            return;
        }

        if (value is IEnumerable items)
        {
            foreach (var item in items) CollectFields(item, strings, ref secureStrings, seen, depth + 1);
        }

        if (type.Namespace?.StartsWith("Rinkel", StringComparison.Ordinal) != true) return;
        for (var t = type; t != null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                CollectFields(field.GetValue(value), strings, ref secureStrings, seen, depth + 1);
            }
        }
    }
}
