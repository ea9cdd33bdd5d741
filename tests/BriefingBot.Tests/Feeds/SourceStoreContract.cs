using BriefingBot.Core.Feeds;

namespace BriefingBot.Tests.Feeds;

/// <summary>What every source store must do; two stores on one database stand for two instances.</summary>
public abstract class SourceStoreContract
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-26T08:00:00Z");

    protected abstract ISourceStore First { get; }

    protected abstract ISourceStore Second { get; }

    [Fact]
    public async Task ASourceIsStoredOncePerUrl()
    {
        var (added, isNew) = await First.AddAsync("https://wire.test/rss", "Wire", TimeSpan.FromMinutes(30), Now);
        var (again, isNewAgain) = await Second.AddAsync("https://wire.test/rss", null, TimeSpan.FromMinutes(5), Now);

        Assert.True(isNew);
        Assert.False(isNewAgain);
        Assert.Equal(added.Id, again.Id);
        Assert.Equal(("Wire", TimeSpan.FromMinutes(30), SourceStatus.Active, Now), (again.Title, again.Interval, again.Status, again.NextPoll!.Value));
    }

    [Fact]
    public async Task ADueSourceIsPolledByOneInstanceAtATime()
    {
        await First.AddAsync("https://wire.test/rss", null, TimeSpan.FromMinutes(30), Now);

        var claims = await Task.WhenAll(First.ClaimDueAsync(Now, "a", TimeSpan.FromMinutes(2), 5), Second.ClaimDueAsync(Now, "b", TimeSpan.FromMinutes(2), 5));
        var claimed = Assert.Single(claims.SelectMany(c => c));

        Assert.Empty(await Second.ClaimDueAsync(Now.AddMinutes(1), "b", TimeSpan.FromMinutes(2), 5));
        Assert.Single(await Second.ClaimDueAsync(Now.AddMinutes(3), "b", TimeSpan.FromMinutes(2), 5));
        Assert.Equal("https://wire.test/rss", claimed.Url);
    }

    [Fact]
    public async Task APollIsRecordedWithValidatorsAndAFailureDisables()
    {
        var (source, _) = await First.AddAsync("https://wire.test/rss", null, TimeSpan.FromMinutes(30), Now);
        Assert.Single(await First.ClaimDueAsync(Now, "a", TimeSpan.FromMinutes(2), 5));

        await First.RecordPollAsync(source.Id, "a", new PollOutcome(Now, Now.AddMinutes(30), 0, null, "\"v1\"", "Wed, 25 Nov 2026 09:00:00 GMT", 4, "Wire", false));
        var polled = await Second.GetAsync(source.Id);
        Assert.Equal(("\"v1\"", "Wed, 25 Nov 2026 09:00:00 GMT", 4, "Wire", Now.AddMinutes(30)), (polled!.ETag, polled.LastModified, polled.ArticlesAdded, polled.Title, polled.NextPoll!.Value));

        Assert.Single(await First.ClaimDueAsync(Now.AddMinutes(30), "a", TimeSpan.FromMinutes(2), 5));
        await First.RecordPollAsync(source.Id, "a", new PollOutcome(Now.AddMinutes(30), Now.AddHours(1), 5, "Disabled after 5 failed polls", null, null, 0, null, true));
        var disabled = await Second.GetAsync(source.Id);
        Assert.Equal((SourceStatus.Disabled, "\"v1\"", 5), (disabled!.Status, disabled.ETag, disabled.ConsecutiveFailures));
        Assert.Empty(await Second.ClaimDueAsync(Now.AddDays(1), "b", TimeSpan.FromMinutes(2), 5));

        Assert.True(await Second.ScheduleNowAsync(source.Id, Now.AddDays(1)));
        Assert.Single(await Second.ClaimDueAsync(Now.AddDays(1), "b", TimeSpan.FromMinutes(2), 5));
        Assert.True(await First.RemoveAsync(source.Id));
        Assert.Empty(await Second.ListAsync());
    }
}

public sealed class SqliteSourceStoreTests : SourceStoreContract, IDisposable
{
    private readonly TestKit.TestDatabase _database = new();

    public SqliteSourceStoreTests()
    {
        First = new Core.Storage.SqlSourceStore(new Core.Storage.SqliteDialect(new Core.Storage.Sqlite.SqliteDatabase(_database.ConnectionString)));
        Second = new Core.Storage.SqlSourceStore(new Core.Storage.SqliteDialect(new Core.Storage.Sqlite.SqliteDatabase(_database.ConnectionString)));
    }

    protected override ISourceStore First { get; }

    protected override ISourceStore Second { get; }

    public void Dispose() => _database.Dispose();
}

public sealed class PostgresSourceStoreTests : SourceStoreContract, IAsyncLifetime
{
    private TestKit.TwoPostgresInstances _instances = null!;

    protected override ISourceStore First => new Core.Storage.SqlSourceStore(new Core.Storage.PostgresDialect(_instances.First));

    protected override ISourceStore Second => new Core.Storage.SqlSourceStore(new Core.Storage.PostgresDialect(_instances.Second));

    public async Task InitializeAsync() => _instances = await TestKit.TwoPostgresInstances.CreateAsync();

    public Task DisposeAsync() => _instances.DisposeAsync().AsTask();
}
