namespace BriefingBot.Core.Subscriptions;

/// <summary>
/// Subscriptions and their deliveries. Claims are atomic across processes sharing the store: an occurrence is
/// leased by one instance, and recorded per (subscription, occurrence) so it is never delivered twice.
/// </summary>
public interface ISubscriptionStore
{
    /// <summary>Stores a new subscription (its Id is ignored) and returns it with its Id.</summary>
    Task<Subscription> AddAsync(Subscription subscription, CancellationToken cancellationToken = default);

    Task<Subscription?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The subscriptions of one conversation, oldest first.</summary>
    Task<IReadOnlyList<Subscription>> ListAsync(string channelId, string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Every subscription, oldest first.</summary>
    Task<IReadOnlyList<Subscription>> ListAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves the schedule, topics, status, next due time and reference of an existing subscription.</summary>
    /// <returns>False when it no longer exists.</returns>
    Task<bool> UpdateAsync(Subscription subscription, CancellationToken cancellationToken = default);

    Task<bool> RemoveAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases up to <paramref name="max"/> active subscriptions due at <paramref name="now"/> whose lease is free, for
    /// <paramref name="lease"/>, and records each occurrence as being sent by <paramref name="instance"/>.
    /// </summary>
    Task<IReadOnlyList<DeliveryClaim>> ClaimDueAsync(DateTimeOffset now, string instance, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    /// <summary>Records how a claim ended and releases its lease (only while the claim's instance still holds it).</summary>
    /// <returns>False when the lease was lost to another instance.</returns>
    Task<bool> CompleteAsync(DeliveryClaim claim, DeliveryResult result, CancellationToken cancellationToken = default);

    /// <summary>The recorded deliveries of a subscription, oldest occurrence first.</summary>
    Task<IReadOnlyList<Delivery>> ListDeliveriesAsync(long subscriptionId, CancellationToken cancellationToken = default);
}
