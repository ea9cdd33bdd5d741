using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace BriefingBot.Core.Ingestion;

/// <summary>Reads each location with the source that handles it and runs every item through the steps.</summary>
public sealed class IngestionPipeline
{
    private readonly IReadOnlyList<IArticleSource> _sources;
    private readonly IReadOnlyList<IIngestionStep> _steps;
    private readonly IBatchIngestionStep? _batchStep;
    private readonly IReadOnlyList<IIngestionStep> _beforeBatch;
    private readonly IReadOnlyList<IIngestionStep> _afterBatch;
    private readonly IReadOnlyList<IIngestionStep> _recheckedAfterBatch;
    private readonly ILogger<IngestionPipeline> _logger;

    /// <param name="sources">The input kinds, asked in registration order.</param>
    /// <param name="steps">The steps, run in registration order (extract, normalize, dedupe, analyze, store).</param>
    public IngestionPipeline(IEnumerable<IArticleSource> sources, IEnumerable<IIngestionStep> steps, ILogger<IngestionPipeline> logger)
    {
        _sources = sources.ToList();
        var list = steps.ToList();
        _steps = list;
        var batchIndex = list.FindIndex(s => s is IBatchIngestionStep);
        _batchStep = batchIndex < 0 ? null : (IBatchIngestionStep)list[batchIndex];
        _beforeBatch = batchIndex < 0 ? list : list.Take(batchIndex).ToList();
        _afterBatch = batchIndex < 0 ? [] : list.Skip(batchIndex + 1).ToList();
        _recheckedAfterBatch = list.OfType<IRecheckedBeforeStoreStep>().Cast<IIngestionStep>().Concat(_afterBatch).ToList();
        _logger = logger;
    }

    /// <summary>Items prepared together: their sentences are embedded in one encoder call.</summary>
    private const int ChunkSize = 8;

    /// <summary>Ingests files, folders and JSON Lines corpora. Failures are collected, never thrown.</summary>
    public async Task<IngestionReport> IngestAsync(IEnumerable<string> locations, IProgress<IngestionItem>? progress = null, CancellationToken cancellationToken = default)
    {
        var tally = new Tally();
        var chunk = new List<SourceItem>(ChunkSize);
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
                chunk.Add(sourceItem);
                if (chunk.Count == ChunkSize)
                {
                    await IngestChunkAsync(chunk, tally, progress, cancellationToken).ConfigureAwait(false);
                    chunk.Clear();
                }
            }
        }

        await IngestChunkAsync(chunk, tally, progress, cancellationToken).ConfigureAwait(false);
        return tally.Report();
    }

    /// <summary>Ingests items already read (a polled feed's).</summary>
    public async Task<IngestionReport> IngestItemsAsync(IEnumerable<SourceItem> items, CancellationToken cancellationToken = default)
    {
        var tally = new Tally();
        foreach (var chunk in items.Chunk(ChunkSize))
        {
            await IngestChunkAsync(chunk, tally, null, cancellationToken).ConfigureAwait(false);
        }

        return tally.Report();
    }

    /// <summary>
    /// Runs a chunk through the steps: per item up to the batch step, the batch step on the survivors together, then
    /// per item the rest (re-checking duplicates, since an earlier item of the chunk may just have been stored).
    /// </summary>
    private async Task IngestChunkAsync(IReadOnlyList<SourceItem> chunk, Tally tally, IProgress<IngestionItem>? progress, CancellationToken cancellationToken)
    {
        var live = new List<(IngestionItem Item, Stopwatch Watch)>();
        foreach (var sourceItem in chunk)
        {
            if (sourceItem.Document is null)
            {
                tally.Failed.Add(new IngestionFailure(sourceItem.Origin, sourceItem.Error ?? "unreadable"));
                _logger.LogWarning("Could not read {Origin}: {Error}", sourceItem.Origin, sourceItem.Error);
                continue;
            }

            var item = new IngestionItem(sourceItem.Document);
            var watch = Stopwatch.StartNew();
            if (await RunStepsAsync(item, _beforeBatch, tally, progress, cancellationToken).ConfigureAwait(false))
            {
                live.Add((item, watch));
            }
        }

        if (_batchStep is null || live.Count == 0)
        {
            foreach (var (item, watch) in live)
            {
                Finish(item, watch, tally, progress);
            }

            return;
        }

        var failed = await _batchStep.RunBatchAsync(live.Select(l => l.Item).ToList(), cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < live.Count; k++)
        {
            var (item, watch) = live[k];
            if (failed.TryGetValue(item, out var reason))
            {
                Fail(item, reason, tally, progress);
                continue;
            }

            // The store was checked before embedding; only an earlier item of this chunk that looks like this one
            // may have been stored since, so only then are the duplicate checks run again.
            var steps = live.Take(k).Any(earlier => MayDuplicate(earlier.Item, item)) ? _recheckedAfterBatch : _afterBatch;
            if (await RunStepsAsync(item, steps, tally, progress, cancellationToken).ConfigureAwait(false))
            {
                Finish(item, watch, tally, progress);
            }
        }
    }

    /// <summary>Same content hash, or fingerprints close enough for any allowed near-duplicate threshold.</summary>
    private static bool MayDuplicate(IngestionItem earlier, IngestionItem item) =>
        earlier.ContentHash == item.ContentHash
        || (earlier.SimHash is { } a && item.SimHash is { } b && Text.SimHash.Distance(a, b) <= IngestionOptions.MaxNearDuplicateBits);

    /// <summary>Runs steps on one item; false when it stopped (a duplicate, counted) or failed (recorded).</summary>
    private async Task<bool> RunStepsAsync(IngestionItem item, IReadOnlyList<IIngestionStep> steps, Tally tally, IProgress<IngestionItem>? progress, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var step in steps)
            {
                if (!await step.RunAsync(item, cancellationToken).ConfigureAwait(false))
                {
                    _logger.LogDebug("{Origin} is a duplicate of article {ArticleId}", item.Raw.Origin, item.DuplicateOf);
                    tally.Duplicates++;
                    progress?.Report(item);
                    return false;
                }
            }

            return true;
        }
        catch (IngestionException ex)
        {
            Fail(item, ex.Message, tally, progress);
            return false;
        }
    }

    private void Fail(IngestionItem item, string reason, Tally tally, IProgress<IngestionItem>? progress)
    {
        _logger.LogWarning("Could not ingest {Origin}: {Error}", item.Raw.Origin, reason);
        tally.Failed.Add(new IngestionFailure(item.Raw.Origin, reason));
        progress?.Report(item);
    }

    private void Finish(IngestionItem item, Stopwatch watch, Tally tally, IProgress<IngestionItem>? progress)
    {
        if (item.ArticleId is { } id)
        {
            tally.Added.Add(id);
            BriefingTelemetry.ArticlesIngested.Add(1);
            _logger.LogInformation("Ingested {ArticleId} from {Origin} in {ElapsedMs} ms", id, item.Raw.Origin, watch.ElapsedMilliseconds);
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
}
