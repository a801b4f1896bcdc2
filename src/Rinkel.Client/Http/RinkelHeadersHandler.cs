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

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var context = RequestContext.From(request);
            var headers = request.Headers;
            if (headers.Accept.Count == 0) headers.Accept.Add(Json);
            if (!headers.Contains("User-Agent")) headers.TryAddWithoutValidation("User-Agent", context.Options.UserAgent);
            headers.Remove(ApiKeyHeader);
            // The only plain-text copy of the key: made per attempt, dropped from the request and overwritten as
            // soon as the response (or failure) is back, when the request has long been written to the wire.
            var key = context.ApiKey.Reveal();
            try
            {
                headers.TryAddWithoutValidation(ApiKeyHeader, key);
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                headers.Remove(ApiKeyHeader);
                RinkelApiKey.Scrub(key);
            }
        }
    }
}
