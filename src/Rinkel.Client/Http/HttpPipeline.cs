using System;
using System.Net;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Rinkel.Client.Http
{
    /// <summary>
    /// The process-wide HttpClient pipeline. Built on first use, not at module import, and shared by every
    /// connection: IHttpClientFactory pools and rotates the socket handlers, so many connections and runspaces
    /// cost one connection pool, and DNS changes are still picked up.
    /// </summary>
    internal static class HttpPipeline
    {
        internal const string ClientName = "Rinkel";

        private static readonly Lazy<IHttpClientFactory> Factory = new Lazy<IHttpClientFactory>(Build);

        public static HttpClient CreateClient() => Factory.Value.CreateClient(ClientName);

        private static IHttpClientFactory Build()
        {
            EnableTls12OnNetFramework();
            var services = new ServiceCollection();
            services.AddTransient<RetryHandler>();
            services.AddTransient<RinkelHeadersHandler>();
            services.AddTransient<TracingHandler>();
            services.AddHttpClient(ClientName, client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                {
                    // A redirect would carry the key header to wherever it points; the API does not redirect.
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                })
                // Outermost first: retries wrap the attempt, the headers are written on each attempt, and tracing
                // sits next to the wire so every attempt is reported.
                .AddHttpMessageHandler<RetryHandler>()
                .AddHttpMessageHandler<RinkelHeadersHandler>()
                .AddHttpMessageHandler<TracingHandler>();
            return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        }

        // Windows PowerShell 5.1 runs on .NET Framework, whose HttpClientHandler follows ServicePointManager; in
        // powershell.exe that can still exclude TLS 1.2, which the API requires. "SystemDefault" (0) already lets the
        // OS choose and is left alone; otherwise TLS 1.2 is added, never anything removed.
        private static void EnableTls12OnNetFramework()
        {
            if (!System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal)) return;
#pragma warning disable CS0618 // SecurityProtocolType members are obsolete on newer frameworks, not on the one this serves.
            var current = ServicePointManager.SecurityProtocol;
            if (current != 0) ServicePointManager.SecurityProtocol = current | SecurityProtocolType.Tls12;
#pragma warning restore CS0618
        }
    }
}
