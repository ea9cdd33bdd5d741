using BriefingBot.Core.Ingestion;
using BriefingBot.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BriefingBot.Hosting;

/// <summary>On a first run (empty store) ingests the sample stories so the bot can answer at once.</summary>
internal sealed class SampleLoader(IArticleStore store, IngestionPipeline pipeline, IOptions<IngestionOptions> options, ILogger<SampleLoader> logger) : IHostedService
{
    /// <summary>Runs before the server accepts requests, so the first question already has articles.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => LoadIfEmptyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task LoadIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.LoadSamplesWhenEmpty || await store.CountAsync(cancellationToken).ConfigureAwait(false) > 0)
        {
            return;
        }

        var path = BriefingConfiguration.ResolvePath(options.Value.SamplesPath);
        if (!Directory.Exists(path))
        {
            logger.LogWarning("The store is empty and the samples folder {SamplesPath} does not exist", path);
            return;
        }

        var report = await pipeline.IngestAsync([path], cancellationToken: cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Store was empty: ingested {Added} sample articles from {SamplesPath}", report.Added, path);
    }
}
