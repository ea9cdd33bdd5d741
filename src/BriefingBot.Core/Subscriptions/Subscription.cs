namespace BriefingBot.Core.Subscriptions;

/// <summary>
/// A user's or a whole conversation's (a Teams or Slack channel's) daily briefing: where it goes, when, on what.
/// </summary>
public sealed record Subscription
{
    public long Id { get; init; }

    public required string ChannelId { get; init; }

    public required string ConversationId { get; init; }

    /// <summary>The subscriber; null when the subscription belongs to the whole conversation ("this channel").</summary>
    public string? UserId { get; init; }

    public string? UserName { get; init; }

    /// <summary>The Bot Framework conversation reference (JSON) the briefing is sent to.</summary>
    public required string Reference { get; init; }

    public required BriefingSchedule Schedule { get; init; }

    /// <summary>Topics the briefing is about; empty means every story.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    public SubscriptionStatus Status { get; init; } = SubscriptionStatus.Active;

    /// <summary>Why the subscription was deactivated (e.g. the bot was removed from the conversation).</summary>
    public string? StatusReason { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The next scheduled delivery (UTC); null while paused or inactive.</summary>
    public DateTimeOffset? NextDue { get; init; }

    public DateTimeOffset? LastDelivered { get; init; }

    public bool IsForConversation => UserId is null;
}

public enum SubscriptionStatus
{
    Active,
    Paused,

    /// <summary>Stopped by the bot, e.g. because it was removed from the conversation; see the reason.</summary>
    Inactive,
}

/// <summary>One scheduled occurrence an instance has leased and is to deliver.</summary>
/// <param name="PreviouslyStarted">
/// Another attempt at this occurrence began and never finished (its instance died mid-send): it may have
/// arrived, so it is not sent again.
/// </param>
public sealed record DeliveryClaim(Subscription Subscription, DateTimeOffset Occurrence, string Instance, bool PreviouslyStarted);

public enum DeliveryStatus
{
    /// <summary>Claimed by an instance and being sent.</summary>
    Sending,
    Sent,

    /// <summary>Not sent: the instance came back after the grace window.</summary>
    Missed,

    /// <summary>The send failed; retried later within the grace window, unless the subscription was deactivated.</summary>
    Failed,

    /// <summary>An earlier attempt died mid-send; not repeated so the briefing never arrives twice.</summary>
    Abandoned,
}

/// <summary>How a claimed delivery ended, and what the subscription does next.</summary>
/// <param name="NextDue">The next occurrence; null keeps the current one (for a retry).</param>
/// <param name="RetryAt">When a failed delivery may be tried again.</param>
/// <param name="DeactivateReason">Set when the subscription must stop (bot removed, conversation gone).</param>
public sealed record DeliveryResult(
    DeliveryStatus Status,
    DateTimeOffset FinishedAt,
    DateTimeOffset? NextDue,
    int Items = 0,
    string? Detail = null,
    DateTimeOffset? RetryAt = null,
    string? DeactivateReason = null);

/// <summary>A recorded delivery of one occurrence.</summary>
public sealed record Delivery(
    long SubscriptionId,
    DateTimeOffset Occurrence,
    DeliveryStatus Status,
    string Instance,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int Items,
    string? Detail);
