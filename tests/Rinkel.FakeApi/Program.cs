using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Rinkel.FakeApi;

if (args is ["--help"] or ["-h"] or ["-?"])
{
    Console.WriteLine(LaunchOptions.Usage);
    return 0;
}

var launch = LaunchOptions.Parse(args, out var parseError);
if (launch is null)
{
    Console.Error.WriteLine(parseError);
    Console.Error.WriteLine(LaunchOptions.Usage);
    return 2;
}

var state = new FakeState(launch);

// The empty builder: no appsettings (and so no file watchers when tests start dozens of servers), no
// environment-driven URLs, nothing on stdout but our two lines. Logs go to stderr, warnings and up.
var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Loopback, launch.Port);
    kestrel.AddServerHeader = false;
    // Header values go out as Latin-1, so a hostile-header fault can send C1 controls (U+009B is a one-byte CSI).
    kestrel.ResponseHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
});
builder.Services.AddRoutingCore();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);

var app = builder.Build();
var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
app.UseRouting();
app.Use((context, next) => context.Request.Path.StartsWithSegments("/_fake", StringComparison.Ordinal)
    ? next(context)
    : ApiPipeline.HandleAsync(context, state, lifetime.ApplicationStopping));
ControlEndpoints.Map(app, state);
WebhookControl.Map(app, state);

try
{
    await app.StartAsync();
}
catch (IOException e)
{
    Console.Error.WriteLine($"Cannot listen on 127.0.0.1:{launch.Port}: {e.Message}");
    return 1;
}

var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
var port = new Uri(address).Port;
Console.Out.WriteLine($"Rinkel fake API listening on http://127.0.0.1:{port}/v1");
Console.Out.WriteLine($"API key: {launch.ApiKey}");
Console.Out.Flush();

if (launch.ExitOnStdinClose)
{
    // Tests keep our stdin open; when the test process dies, so does the pipe, and so do we.
    new Thread(() =>
    {
        using var stdin = Console.OpenStandardInput();
        var buffer = new byte[256];
        try
        {
            while (stdin.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }
        catch (IOException)
        {
        }

        lifetime.StopApplication();
    })
    { IsBackground = true, Name = "stdin watcher" }.Start();
}

await app.WaitForShutdownAsync();
return 0;
