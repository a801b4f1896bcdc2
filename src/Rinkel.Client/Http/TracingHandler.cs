using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Rinkel.Client.Http
{
    /// <summary>Reports every attempt, as seen on the wire, to the call's observer.</summary>
    internal sealed class TracingHandler : DelegatingHandler
    {
        private static readonly IReadOnlyList<KeyValuePair<string, string>> NoHeaders = new KeyValuePair<string, string>[0];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var context = RequestContext.From(request);
            var attempt = context.Attempts;
            var stopwatch = Stopwatch.StartNew();
            HttpResponseMessage? response = null;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                // Read the body here so the trace can tell its real size, even when it came chunked.
                await ResponseBuffer.BufferAsync(response, context.Options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                response?.Dispose();
                context.Observer.OnRequestCompleted(new RequestTrace(
                    request.Method.Method, request.RequestUri!, attempt, null, null, stopwatch.Elapsed, null, NoHeaders,
                    ex is OperationCanceledException ? "cancelled or timed out" : FailureText.Describe(ex, context.Secrets)));
                throw;
            }

            context.Observer.OnRequestCompleted(new RequestTrace(
                request.Method.Method, request.RequestUri!, attempt, (int)response.StatusCode, context.Clean(response.ReasonPhrase),
                stopwatch.Elapsed, response.Content?.Headers.ContentLength, CollectHeaders(response, context), null));
            return response;
        }

        private static IReadOnlyList<KeyValuePair<string, string>> CollectHeaders(HttpResponseMessage response, RequestContext context)
        {
            var list = new List<KeyValuePair<string, string>>();
            foreach (var header in response.Headers) Add(list, header, context);
            if (response.Content != null)
                foreach (var header in response.Content.Headers) Add(list, header, context);
            return list;
        }

        // Cookies can be session credentials; they are not the API's business and never shown. Every other value is
        // server text: -Debug prints it, so it is cleaned like a reason phrase.
        private static void Add(List<KeyValuePair<string, string>> list, KeyValuePair<string, IEnumerable<string>> header, RequestContext context)
        {
            if (string.Equals(header.Key, "Set-Cookie", StringComparison.OrdinalIgnoreCase)) return;
            list.Add(new KeyValuePair<string, string>(ServerText.Neutralize(header.Key),
                context.Clean(string.Join(", ", header.Value)) ?? string.Empty));
        }
    }
}
