namespace BriefingBot.Core.Feeds;

/// <summary>A feed or page the bot polls for news, with what it learnt from the last poll.</summary>
public sealed record NewsSource
{
    public long Id { get; init; }

    public required string Url { get; init; }

    public string? Title { get; init; }

    /// <summary>How often it is polled when healthy.</summary>
    public TimeSpan Interval { get; init; }

    public SourceStatus Status { get; init; } = SourceStatus.Active;

    /// <summary>The last error, or why the source was disabled.</summary>
    public string? LastError { get; init; }

    public int ConsecutiveFailures { get; init; }

    /// <summary>Validators from the last 200 answer, sent back as If-None-Match / If-Modified-Since.</summary>
    public string? ETag { get; init; }

    public string? LastModified { get; init; }

    public DateTimeOffset? LastPolled { get; init; }

    public DateTimeOffset? NextPoll { get; init; }

    /// <summary>Articles this source has added in all.</summary>
    public int ArticlesAdded { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

public enum SourceStatus
{
    Active,

    /// <summary>Stopped after too many consecutive failures (see <see cref="NewsSource.LastError"/>) or by an admin.</summary>
    Disabled,
}

/// <summary>What one poll found out.</summary>
/// <param name="NextPoll">When to poll again.</param>
/// <param name="Failures">Consecutive failures after this poll (0 after a success).</param>
public sealed record PollOutcome(
    DateTimeOffset PolledAt,
    DateTimeOffset NextPoll,
    int Failures,
    string? Error,
    string? ETag,
    string? LastModified,
    int Added,
    string? Title,
    bool Disable);
