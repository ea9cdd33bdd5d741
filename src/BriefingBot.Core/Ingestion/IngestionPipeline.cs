using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace BriefingBot.Core.Ingestion;

/// <summary>Reads each location with the source that handles it and runs every item through the steps.</summary>
public sealed class IngestionPipeline
{
    private readonly IReadOnlyList<IArticleSource> _sources;
    private readonly IReadOnlyList<IIngestionStep> _steps;
    private readonly ILogger<IngestionPipeline> _logger;

    /// <param name="sources">The input kinds, asked in registration order.</param>
    /// <param name="steps">The steps, run in registration order (extract, normalize, dedupe, analyze, store).</param>
    public IngestionPipeline(IEnumerable<IArticleSource> sources, IEnumerable<IIngestionStep> steps, ILogger<IngestionPipeline> logger)
    {
        _sources = sources.ToList();
        _steps = steps.ToList();
        _logger = logger;
    }

    /// <summary>Ingests files, folders and JSON Lines corpora. Failures are collected, never thrown.</summary>
    public async Task<IngestionReport> IngestAsync(IEnumerable<string> locations, IProgress<IngestionItem>? progress = null, CancellationToken cancellationToken = default)
    {
        var tally = new Tally();
        foreach (var location in locations)
        {
            var source = _sources.FirstOrDefault(s => s.CanHandle(location));
            if (source is null)
            {
                tally.Failed.Add(new IngestionFailure(location, File.Exists(location) || Directory.Exists(location) ? "unsupported input" : "no such file or folder"));
                continue;
            }

            await foreach (var sourceItem in source.ReadAsync(location, cancellationToken).ConfigureAwait(false))
            {
                await IngestOneAsync(sourceItem, tally, progress, cancellationToken).ConfigureAwait(false);
            }
        }

        return tally.Report();
    }

    /// <summary>Ingests items already read (a polled feed's).</summary>
    public async Task<IngestionReport> IngestItemsAsync(IEnumerable<SourceItem> items, CancellationToken cancellationToken = default)
    {
        var tally = new Tally();
        foreach (var item in items)
        {
            await IngestOneAsync(item, tally, null, cancellationToken).ConfigureAwait(false);
        }

        return tally.Report();
    }

    private async Task IngestOneAsync(SourceItem sourceItem, Tally tally, IProgress<IngestionItem>? progress, CancellationToken cancellationToken)
    {
        if (sourceItem.Document is null)
        {
            tally.Failed.Add(new IngestionFailure(sourceItem.Origin, sourceItem.Error ?? "unreadable"));
            _logger.LogWarning("Could not read {Origin}: {Error}", sourceItem.Origin, sourceItem.Error);
            return;
        }

        var item = new IngestionItem(sourceItem.Document);
        var outcome = await RunStepsAsync(item, cancellationToken).ConfigureAwait(false);
        if (outcome is not null)
        {
            tally.Failed.Add(new IngestionFailure(sourceItem.Origin, outcome));
        }
        else if (item.ArticleId is { } id)
        {
            tally.Added.Add(id);
        }
        else if (item.DuplicateOf is not null)
        {
            tally.Duplicates++;
        }

        progress?.Report(item);
    }

    private sealed class Tally
    {
        public List<long> Added { get; } = [];

        public List<IngestionFailure> Failed { get; } = [];

        public int Duplicates { get; set; }

        public IngestionReport Report() => new(Added.Count, Duplicates, Failed, Added);
    }

    /// <summary>Runs the steps; returns null on success or duplicate, else the reason the item failed.</summary>
    private async Task<string?> RunStepsAsync(IngestionItem item, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            foreach (var step in _steps)
            {
                if (!await step.RunAsync(item, cancellationToken).ConfigureAwait(false))
                {
                    _logger.LogDebug("{Origin} is a duplicate of article {ArticleId}", item.Raw.Origin, item.DuplicateOf);
                    return null;
                }
            }

            _logger.LogInformation("Ingested {ArticleId} from {Origin} in {ElapsedMs} ms", item.ArticleId, item.Raw.Origin, watch.ElapsedMilliseconds);
            return null;
        }
        catch (IngestionException ex)
        {
            _logger.LogWarning("Could not ingest {Origin}: {Error}", item.Raw.Origin, ex.Message);
            return ex.Message;
        }
    }
}
