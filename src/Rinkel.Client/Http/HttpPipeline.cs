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
    }
}
