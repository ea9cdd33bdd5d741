using BriefingBot.Core.Subscriptions;

namespace BriefingBot.Tests.Subscriptions;

/// <summary>
/// What every subscription store must do. Each backend's test class supplies two stores on one database, standing
/// for two bot instances.
/// </summary>
public abstract class SubscriptionStoreContract
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-26T06:00:00Z");
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected abstract ISubscriptionStore First { get; }

    protected abstract ISubscriptionStore Second { get; }

    private static Subscription NewSubscription(string conversation = "conv", string? user = "user-1", DateTimeOffset? due = null) => new()
    {
        ChannelId = "emulator",
        ConversationId = conversation,
        UserId = user,
        UserName = "Ada",
        Reference = """{"conversation":{"id":"conv"}}""",
        Schedule = new BriefingSchedule(new TimeOnly(7, 30), BriefingSchedule.Weekdays, "Europe/Berlin"),
        Topics = ["defense", "Asia"],
        CreatedAt = Now.AddDays(-1),
        NextDue = due ?? Now,
    };

    [Fact]
    public async Task ItStoresAndListsSubscriptionsPerConversation()
    {
        var added = await First.AddAsync(NewSubscription());
        await First.AddAsync(NewSubscription(conversation: "other"));

        var listed = Assert.Single(await Second.ListAsync("emulator", "conv"));

        Assert.Equal(added.Id, listed.Id);
        Assert.Equal(new TimeOnly(7, 30), listed.Schedule.LocalTime);
        Assert.Equal("1-5", listed.Schedule.Days);
        Assert.Equal("Europe/Berlin", listed.Schedule.TimeZone);
        Assert.Equal(["defense", "Asia"], listed.Topics);
        Assert.Equal(Now, listed.NextDue);
        Assert.Equal(SubscriptionStatus.Active, listed.Status);
    }

    [Fact]
    public async Task ItUpdatesAndRemovesASubscription()
    {
        var added = await First.AddAsync(NewSubscription());

        Assert.True(await First.UpdateAsync(added with { Status = SubscriptionStatus.Paused, NextDue = null, Topics = ["tech"] }));
        var paused = await Second.GetAsync(added.Id);
        Assert.Equal(SubscriptionStatus.Paused, paused!.Status);
        Assert.Null(paused.NextDue);
        Assert.Equal(["tech"], paused.Topics);

        Assert.True(await First.RemoveAsync(added.Id));
        Assert.Null(await Second.GetAsync(added.Id));
        Assert.False(await First.UpdateAsync(added));
    }

    [Fact]
    public async Task ADueOccurrenceIsClaimedByOneInstanceOnly()
    {
        var added = await First.AddAsync(NewSubscription());

        var claims = await Task.WhenAll(
            First.ClaimDueAsync(Now, "instance-a", Lease, 10),
            Second.ClaimDueAsync(Now, "instance-b", Lease, 10));

        var claim = Assert.Single(claims.SelectMany(c => c));
        Assert.Equal(added.Id, claim.Subscription.Id);
        Assert.False(claim.PreviouslyStarted);
        Assert.Empty(await First.ClaimDueAsync(Now.AddMinutes(1), "instance-c", Lease, 10));
    }

    [Fact]
    public async Task ACompletedDeliveryIsRecordedAndTheNextOccurrenceIsScheduled()
    {
        var added = await First.AddAsync(NewSubscription());
        var claim = Assert.Single(await First.ClaimDueAsync(Now, "instance-a", Lease, 10));
        var next = Now.AddDays(1);

        Assert.True(await First.CompleteAsync(claim, new DeliveryResult(DeliveryStatus.Sent, Now.AddSeconds(2), next, Items: 3)));

        var stored = await Second.GetAsync(added.Id);
        Assert.Equal(next, stored!.NextDue);
        Assert.Equal(Now.AddSeconds(2), stored.LastDelivered);
        var delivery = Assert.Single(await Second.ListDeliveriesAsync(added.Id));
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Equal(Now, delivery.Occurrence);
        Assert.Equal(3, delivery.Items);
        Assert.Empty(await Second.ClaimDueAsync(Now.AddHours(1), "instance-b", Lease, 10));
    }

    [Fact]
    public async Task AnOccurrenceLeftMidSendByADeadInstanceIsNotSentAgain()
    {
        await First.AddAsync(NewSubscription());
        Assert.Single(await First.ClaimDueAsync(Now, "instance-a", Lease, 10));

        // instance-a dies without completing; its lease runs out.
        var takeover = Assert.Single(await Second.ClaimDueAsync(Now + Lease + TimeSpan.FromSeconds(1), "instance-b", Lease, 10));

        Assert.True(takeover.PreviouslyStarted);
    }

    [Fact]
    public async Task AFailedDeliveryIsRetriedAfterItsRetryTime()
    {
        var added = await First.AddAsync(NewSubscription());
        var claim = Assert.Single(await First.ClaimDueAsync(Now, "instance-a", Lease, 10));
        var retryAt = Now.AddMinutes(5);
        await First.CompleteAsync(claim, new DeliveryResult(DeliveryStatus.Failed, Now, null, Detail: "503", RetryAt: retryAt));

        Assert.Empty(await Second.ClaimDueAsync(Now.AddMinutes(1), "instance-b", Lease, 10));
        var retry = Assert.Single(await Second.ClaimDueAsync(retryAt, "instance-b", Lease, 10));

        Assert.False(retry.PreviouslyStarted);
        Assert.Equal(Now, retry.Occurrence);
        Assert.Equal(DeliveryStatus.Sending, Assert.Single(await First.ListDeliveriesAsync(added.Id)).Status);
    }

    [Fact]
    public async Task ADeactivatedSubscriptionKeepsItsReasonAndIsNoLongerDue()
    {
        var added = await First.AddAsync(NewSubscription());
        var claim = Assert.Single(await First.ClaimDueAsync(Now, "instance-a", Lease, 10));

        await First.CompleteAsync(claim, new DeliveryResult(DeliveryStatus.Failed, Now, null, DeactivateReason: "bot removed (403)"));

        var stored = await Second.GetAsync(added.Id);
        Assert.Equal(SubscriptionStatus.Inactive, stored!.Status);
        Assert.Equal("bot removed (403)", stored.StatusReason);
        Assert.Empty(await Second.ClaimDueAsync(Now.AddDays(2), "instance-b", Lease, 10));
    }

    [Fact]
    public async Task AnInstanceThatLostItsLeaseCannotRecordTheDelivery()
    {
        await First.AddAsync(NewSubscription());
        var stale = Assert.Single(await First.ClaimDueAsync(Now, "instance-a", Lease, 10));
        Assert.Single(await Second.ClaimDueAsync(Now + Lease + Lease, "instance-b", Lease, 10));

        Assert.False(await First.CompleteAsync(stale, new DeliveryResult(DeliveryStatus.Sent, Now, Now.AddDays(1))));
    }
}

public sealed class SqliteSubscriptionStoreTests : SubscriptionStoreContract, IDisposable
{
    private readonly TestKit.TestDatabase _database = new();

    public SqliteSubscriptionStoreTests()
    {
        // Two database objects on one file: two bot processes sharing it.
        First = new Core.Storage.SqlSubscriptionStore(new Core.Storage.SqliteDialect(new Core.Storage.Sqlite.SqliteDatabase(_database.ConnectionString)));
        Second = new Core.Storage.SqlSubscriptionStore(new Core.Storage.SqliteDialect(new Core.Storage.Sqlite.SqliteDatabase(_database.ConnectionString)));
    }

    protected override ISubscriptionStore First { get; }

    protected override ISubscriptionStore Second { get; }

    public void Dispose() => _database.Dispose();
}

public sealed class PostgresSubscriptionStoreTests : SubscriptionStoreContract, IAsyncLifetime
{
    private TestKit.TwoPostgresInstances _instances = null!;

    protected override ISubscriptionStore First => new Core.Storage.SqlSubscriptionStore(new Core.Storage.PostgresDialect(_instances.First));

    protected override ISubscriptionStore Second => new Core.Storage.SqlSubscriptionStore(new Core.Storage.PostgresDialect(_instances.Second));

    public async Task InitializeAsync() => _instances = await TestKit.TwoPostgresInstances.CreateAsync();

    public Task DisposeAsync() => _instances.DisposeAsync().AsTask();
}
