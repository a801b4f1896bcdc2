using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Runtime.Loader;
using System.Security;

namespace Rinkel.SideBySide.Host;

/// <summary>
/// Plays one import-order scenario of Rinkel next to "another module": a set of Microsoft.Extensions.* assemblies of
/// another major version, loaded into the default load context with Assembly.LoadFrom, the way Import-Module,
/// RequiredAssemblies and Add-Type -Path load a module's dlls. Prints facts as key=value lines (assemblies as
/// asm=Name|Version|Location|load context type|default?) and ends with "done"; exit code 0 unless the scenario threw.
/// </summary>
/// <remarks>
/// Usage: Rinkel.SideBySide.Host &lt;scenario&gt; &lt;Rinkel.psd1&gt; &lt;other module dir&gt; &lt;base uri&gt;; the API key in RINKEL_SXS_KEY.
/// Scenarios: other-first, rinkel-first, remove-module.
/// </remarks>
public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            var scenario = new Scenario(args[1], args[2], new Uri(args[3]), Environment.GetEnvironmentVariable("RINKEL_SXS_KEY") ?? "");
            switch (args[0])
            {
                case "other-first":
                    scenario.LoadOtherModule();
                    scenario.UseOtherModule("before");
                    scenario.ImportAndList("rinkel");
                    scenario.UseOtherModule("after");
                    break;
                case "rinkel-first":
                    scenario.ImportAndList("rinkel");
                    scenario.ReportDefaultResolves("Microsoft.Extensions.Http");
                    scenario.ReportDefaultResolves("Microsoft.Extensions.Logging");
                    scenario.LoadOtherModule();
                    scenario.UseOtherModule("after");
                    scenario.List("rinkel.again");
                    break;
                case "remove-module":
                    scenario.RemoveModuleScenario();
                    break;
                default:
                    throw new ArgumentException("Unknown scenario " + args[0]);
            }
            scenario.ReportAssemblies();
            Console.WriteLine("done");
            return 0;
        }
        catch (Exception e)
        {
            Console.WriteLine("exception=" + e.ToString().Replace('\n', ' '));
            return 1;
        }
    }
}

internal sealed class Scenario(string modulePath, string otherDirectory, Uri baseUri, string apiKey)
{
    private readonly Runspace _runspace = Open();
    private readonly List<Assembly> _other = [];

    private static Runspace Open()
    {
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        return runspace;
    }

    /// <summary>Another module's dlls into the default context.</summary>
    public void LoadOtherModule()
    {
        foreach (var file in Directory.GetFiles(otherDirectory, "*.dll").Order())
        {
            _other.Add(Assembly.LoadFrom(file));
        }
        Console.WriteLine("other.loaded=" + _other.Count);
    }

    /// <summary>What another module would do with its Microsoft.Extensions.*: a container, logging, options, and HttpClient when it ships Http.</summary>
    public void UseOtherModule(string label)
    {
        var abstractions = Other("Microsoft.Extensions.DependencyInjection.Abstractions");
        var container = Other("Microsoft.Extensions.DependencyInjection");
        var logging = Other("Microsoft.Extensions.Logging");
        var services = Activator.CreateInstance(abstractions.GetType("Microsoft.Extensions.DependencyInjection.ServiceCollection", true)!)!;
        var serviceCollection = abstractions.GetType("Microsoft.Extensions.DependencyInjection.IServiceCollection", true)!;
        Invoke(logging, "Microsoft.Extensions.DependencyInjection.LoggingServiceCollectionExtensions", "AddLogging", serviceCollection, services);
        var http = _other.FirstOrDefault(a => a.GetName().Name == "Microsoft.Extensions.Http");
        if (http != null) Invoke(http, "Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions", "AddHttpClient", serviceCollection, services);
        var provider = (IServiceProvider)Invoke(container, "Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions", "BuildServiceProvider", serviceCollection, services);

        var loggerFactoryType = Other("Microsoft.Extensions.Logging.Abstractions").GetType("Microsoft.Extensions.Logging.ILoggerFactory", true)!;
        var loggerFactory = provider.GetService(loggerFactoryType) ?? throw new InvalidOperationException("No ILoggerFactory from the other module's container.");
        var logger = loggerFactoryType.GetMethod("CreateLogger")!.Invoke(loggerFactory, ["other"]);
        var status = "none";
        if (http != null)
        {
            var factoryType = http.GetType("System.Net.Http.IHttpClientFactory", true)!;
            var factory = provider.GetService(factoryType) ?? throw new InvalidOperationException("No IHttpClientFactory from the other module's container.");
            using var client = (HttpClient)factoryType.GetMethod("CreateClient")!.Invoke(factory, ["other"])!;
            using var response = client.GetAsync(new Uri(baseUri, "users")).GetAwaiter().GetResult();
            status = ((int)response.StatusCode).ToString();
        }
        Console.WriteLine($"other.{label}=works|{loggerFactory.GetType().Assembly.GetName().Version}|{logger?.GetType().Name}|http {status}");
    }

    public void ImportAndList(string label)
    {
        Run("Import-Module -Name $args[0] -ErrorAction Stop", modulePath);
        Run("Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1]", Secure(apiKey), baseUri);
        List(label);
    }

    public void List(string label) =>
        Console.WriteLine($"{label}.users=" + Run("@(Get-RinkelUser).Count").Single());

    public void RemoveModuleScenario()
    {
        // Two runspaces import; one removes the module before anything loaded the client: the other must still work.
        using var second = Open();
        Run(second, "Import-Module -Name $args[0] -ErrorAction Stop", modulePath);
        Run("Import-Module -Name $args[0] -ErrorAction Stop", modulePath);
        Console.WriteLine("client.loaded.before-use=" + ClientLoaded());
        Run(second, "Remove-Module Rinkel -ErrorAction Stop");
        Console.WriteLine("client.resolvable.one-import-left=" + ClientResolvable());
        Run("Remove-Module Rinkel -ErrorAction Stop");
        Console.WriteLine("client.resolvable.all-removed=" + ClientResolvable());
        ImportAndList("reimported");
        Console.WriteLine("client.resolvable.reimported=" + ClientResolvable());
    }

    public void ReportAssemblies()
    {
        var lines = Run("""
            [AppDomain]::CurrentDomain.GetAssemblies() |
                Where-Object { $_.GetName().Name -match '^(Rinkel|Microsoft\.Extensions\.|Microsoft\.Bcl\.|System\.Text\.Json$|System\.Text\.Encodings\.Web$|System\.Memory$|System\.Buffers$|System\.Diagnostics\.DiagnosticSource$|System\.Runtime\.CompilerServices\.Unsafe$)' } |
                ForEach-Object {
                    $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_)
                    'asm={0}|{1}|{2}|{3}|{4}' -f $_.GetName().Name, $_.GetName().Version, $_.Location, $context.GetType().FullName, ($context -eq [System.Runtime.Loader.AssemblyLoadContext]::Default)
                }
            """);
        foreach (var line in lines) Console.WriteLine(line);
        Console.WriteLine("runtime=" + Path.GetDirectoryName(typeof(object).Assembly.Location));
    }

    /// <summary>
    /// Whether the default context can still get Rinkel.Client by name: only the module's resolver can answer that,
    /// and only while some import of the module is live.
    /// </summary>
    private static bool ClientResolvable() => DefaultResolves("Rinkel.Client");

    /// <summary>Whether anything (the module's resolver above all) answers the default context for this name.</summary>
    public void ReportDefaultResolves(string name) => Console.WriteLine($"default.resolves.{name}=" + DefaultResolves(name));

    private static bool DefaultResolves(string name)
    {
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(name)) != null;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    private static bool ClientLoaded() => AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Rinkel.Client");

    private Assembly Other(string name) =>
        _other.FirstOrDefault(a => a.GetName().Name == name) ?? throw new InvalidOperationException("The other module has no " + name);

    private static object Invoke(Assembly assembly, string type, string method, Type parameter, object argument) =>
        assembly.GetType(type, true)!.GetMethods()
            .Single(m => m.Name == method && !m.IsGenericMethodDefinition && m.GetParameters() is [var only] && only.ParameterType == parameter)
            .Invoke(null, [argument])!;

    private Collection<PSObject> Run(string script, params object[] args) => Run(_runspace, script, args);

    private static Collection<PSObject> Run(Runspace runspace, string script, params object[] args)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        foreach (var arg in args) ps.AddArgument(arg);
        var output = ps.Invoke();
        if (ps.HadErrors)
        {
            var error = ps.Streams.Error.FirstOrDefault();
            throw new InvalidOperationException($"PowerShell failed: {script}: {error} {error?.Exception}");
        }
        return output;
    }

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }
}
