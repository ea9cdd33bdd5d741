namespace BriefingBot.Core.Feeds;

/// <summary>
/// The polled sources. Claims are leases, so instances sharing the store poll each source one at a time.
/// </summary>
public interface ISourceStore
{
    /// <summary>Adds a source, or returns the one already stored for that URL.</summary>
    /// <returns>The source and whether it is new.</returns>
    Task<(NewsSource Source, bool Added)> AddAsync(string url, string? title, TimeSpan interval, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<NewsSource?> GetAsync(long id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<NewsSource>> ListAsync(CancellationToken cancellationToken = default);

    Task<bool> RemoveAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Re-enables a source and makes it due now (an admin's "poll now").</summary>
    Task<bool> ScheduleNowAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Leases up to <paramref name="max"/> active sources due at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<NewsSource>> ClaimDueAsync(DateTimeOffset now, string instance, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    /// <summary>Records a poll and releases the lease.</summary>
    Task RecordPollAsync(long id, string instance, PollOutcome outcome, CancellationToken cancellationToken = default);
}
