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
        var added = new List<long>();
        var duplicates = 0;
        var failed = new List<IngestionFailure>();
        foreach (var location in locations)
        {
            var source = _sources.FirstOrDefault(s => s.CanHandle(location));
            if (source is null)
            {
                failed.Add(new IngestionFailure(location, File.Exists(location) || Directory.Exists(location) ? "unsupported input" : "no such file or folder"));
                continue;
            }

            await foreach (var sourceItem in source.ReadAsync(location, cancellationToken).ConfigureAwait(false))
            {
                if (sourceItem.Document is null)
                {
                    failed.Add(new IngestionFailure(sourceItem.Origin, sourceItem.Error ?? "unreadable"));
                    _logger.LogWarning("Could not read {Origin}: {Error}", sourceItem.Origin, sourceItem.Error);
                    continue;
                }

                var item = new IngestionItem(sourceItem.Document);
                var outcome = await RunStepsAsync(item, cancellationToken).ConfigureAwait(false);
                if (outcome is not null)
                {
                    failed.Add(new IngestionFailure(sourceItem.Origin, outcome));
                }
                else if (item.ArticleId is { } id)
                {
                    added.Add(id);
                }
                else if (item.DuplicateOf is not null)
                {
                    duplicates++;
                }

                progress?.Report(item);
            }
        }

        return new IngestionReport(added.Count, duplicates, failed, added);
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
