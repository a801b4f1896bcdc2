using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Rinkel.Client.Http
{
    /// <summary>Writes the per-connection headers on each attempt: the key, Accept and User-Agent.</summary>
    internal sealed class RinkelHeadersHandler : DelegatingHandler
    {
        internal const string ApiKeyHeader = "x-rinkel-api-key";
        private static readonly MediaTypeWithQualityHeaderValue Json = new MediaTypeWithQualityHeaderValue("application/json");

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var context = RequestContext.From(request);
            var headers = request.Headers;
            headers.Remove(ApiKeyHeader);
            headers.TryAddWithoutValidation(ApiKeyHeader, context.ApiKey.Reveal());
            if (headers.Accept.Count == 0) headers.Accept.Add(Json);
            if (!headers.Contains("User-Agent")) headers.TryAddWithoutValidation("User-Agent", context.Options.UserAgent);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
