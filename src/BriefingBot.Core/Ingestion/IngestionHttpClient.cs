using System.Net;
using Microsoft.Extensions.Options;

namespace BriefingBot.Core.Ingestion;

/// <summary>The HTTP client web pages and feeds are fetched with: at most five redirects, compressed responses.</summary>
public sealed class IngestionHttpClient : IDisposable
{
    public IngestionHttpClient(IOptions<IngestionOptions> options)
    {
        Client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            // Each request is bounded by Ingestion:FetchTimeout; this only stops a request that ignores it.
            Timeout = options.Value.FetchTimeout + TimeSpan.FromSeconds(5),
        };
        Client.DefaultRequestHeaders.UserAgent.ParseAdd("BriefingBot/1.0 (+news briefing bot)");
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}
