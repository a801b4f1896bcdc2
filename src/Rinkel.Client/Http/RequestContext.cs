using System.Net.Http;
using System.Threading;

namespace Rinkel.Client.Http
{
    // The handlers are shared by every connection in the process (one IHttpClientFactory), so everything that
    // belongs to one connection or one call travels with the request instead of living on a handler or on
    // HttpClient.DefaultRequestHeaders, which concurrent runspaces would race on.
    internal sealed class RequestContext
    {
        private const string PropertyName = "Rinkel.RequestContext";

        public RequestContext(RinkelApiKey apiKey, RinkelClientOptions options, RequestGate gate, IRinkelObserver observer,
            SecretRedactor secrets, CancellationToken closing)
        {
            ApiKey = apiKey;
            Options = options;
            Gate = gate;
            Observer = observer;
            Secrets = secrets;
            Closing = closing;
        }

        public RinkelApiKey ApiKey { get; }
        public RinkelClientOptions Options { get; }
        public RequestGate Gate { get; }
        public IRinkelObserver Observer { get; }

        /// <summary>The connection's secrets, redacted from every message built from server text.</summary>
        public SecretRedactor Secrets { get; }

        /// <summary>Cancelled when the connection is closed: no further attempt is sent and waits end at once.</summary>
        public CancellationToken Closing { get; }

        /// <summary>Written by the retry handler: how many attempts the request took.</summary>
        public int Attempts { get; set; }

        /// <summary>Written by the retry handler when it gave up for a reason the status alone does not tell.</summary>
        public string? GaveUpBecause { get; set; }

        /// <summary>Server text made fit for a message: secrets redacted, terminal controls neutralised.</summary>
        public string? Clean(string? serverText) => ServerText.Clean(serverText, Secrets);

        public void AttachTo(HttpRequestMessage request) => request.Properties[PropertyName] = this;

        public static RequestContext From(HttpRequestMessage request) =>
            request.Properties.TryGetValue(PropertyName, out var value) && value is RequestContext context
                ? context
                : throw new System.InvalidOperationException("A Rinkel request was sent without its request context.");
    }
}
