using BriefingBot.Core.Ingestion;
using BriefingBot.Core.Ingestion.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BriefingBot.Core.Feeds;

/// <summary>
/// Polls the stored sources on <see cref="TimeProvider"/>: each due source is leased, fetched conditionally (ETag,
/// Last-Modified), and its new items ingested. Healthy sources come back after their interval with ±10 % jitter;
/// a failing one backs off exponentially and is disabled after Ingestion:MaxPollFailures failures in a row.
/// </summary>
public sealed class FeedPoller(
    ISourceStore sources,
    UrlSource urls,
    IngestionPipeline pipeline,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<FeedPoller> logger) : BackgroundService
{
    private const int ClaimBatch = 5;

    public string Instance { get; } = PeriodicWork.NewInstanceName();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        try
        {
            foreach (var feed in settings.Feeds.Where(f => !string.IsNullOrWhiteSpace(f)))
            {
                await sources.AddAsync(feed.Trim(), null, settings.PollInterval, time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not add the configured feeds (Ingestion:Feeds)");
        }

        if (!settings.PollingEnabled)
        {
            return;
        }

        await PeriodicWork.RunAsync(settings.PollTick, time, RunDueAsync, logger, "feed poller", stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Polls every source due now; returns how many articles were added.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var added = 0;
        var lease = options.Value.FetchTimeout * 2 + TimeSpan.FromMinutes(5);
        while (true)
        {
            var due = await sources.ClaimDueAsync(time.GetUtcNow(), Instance, lease, ClaimBatch, cancellationToken).ConfigureAwait(false);
            if (due.Count == 0)
            {
                return added;
            }

            foreach (var source in due)
            {
                var outcome = await PollAsync(source, cancellationToken).ConfigureAwait(false);
                await sources.RecordPollAsync(source.Id, Instance, outcome, cancellationToken).ConfigureAwait(false);
                added += outcome.Added;
            }
        }
    }

    private async Task<PollOutcome> PollAsync(NewsSource source, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var result = await urls.PollAsync(source.Url, source.ETag, source.LastModified, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (result.Error is { } error)
        {
            var failures = source.ConsecutiveFailures + 1;
            var disable = failures >= settings.MaxPollFailures;
            var backoff = TimeSpan.FromTicks(Math.Min(source.Interval.Ticks * (1L << Math.Min(failures - 1, 20)), settings.MaxPollBackoff.Ticks));
            var message = disable ? $"Disabled after {failures} failed polls in a row; last: {error}" : error;
            logger.LogWarning("Polling {Url} failed ({Failures} in a row): {Error}", source.Url, failures, error);
            return new PollOutcome(now, now + Jitter(backoff), failures, message, null, null, 0, null, disable);
        }

        var added = 0;
        if (!result.NotModified)
        {
            var report = await pipeline.IngestItemsAsync(result.Items, cancellationToken).ConfigureAwait(false);
            added = report.Added;
            logger.LogInformation("Polled {Url}: {Added} new, {Duplicates} already known, {Failed} refused", source.Url, report.Added, report.Duplicates, report.Failed.Count);
        }

        return new PollOutcome(now, now + Jitter(source.Interval), 0, null, result.ETag, result.LastModified, added, result.Title, false);
    }

    /// <summary>±10 % so sources added together do not stay in lockstep.</summary>
    private static TimeSpan Jitter(TimeSpan interval) =>
        interval * (0.9 + (0.2 * Random.Shared.NextDouble()));
}
