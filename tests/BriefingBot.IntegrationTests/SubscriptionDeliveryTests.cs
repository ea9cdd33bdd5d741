using BriefingBot.Core.Subscriptions;
using BriefingBot.Dialogs.Subscriptions;
using BriefingBot.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BriefingBot.IntegrationTests;

/// <summary>
/// Daily briefings end to end: subscribing through /api/messages, the real scheduler on a fake clock, proactive
/// delivery through the CloudAdapter to a loopback Bot Connector, and several host lifetimes on one database.
/// </summary>
public sealed class SubscriptionDeliveryTests : IAsyncLifetime
{
    /// <summary>06:00 UTC = 07:00 in Berlin.</summary>
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-26T06:00:00Z");

    private readonly FakeTimeProvider _time = new(Start);
    private readonly TestDatabase _database = new();
    private LoopbackConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        _database.Dispose();
    }

    private Task<RunningHost> StartHostAsync(bool schedulerLoop = false, string retryDelay = "00:00:00") =>
        RunningHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Briefings:SchedulerEnabled"] = schedulerLoop ? "true" : "false",
                ["Briefings:RetryDelay"] = retryDelay,
            },
            services => services.AddSingleton<TimeProvider>(_time),
            _database);

    private async Task<string> SayAsync(RunningHost host, string text, string conversation = "conv-1")
    {
        var response = await Activities.PostAsync(host.Client, Activities.Message(text, _connector.ServiceUrl, conversation, localTimezone: "Europe/Berlin"));
        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
        return (await _connector.NextMessageAsync()).Text!;
    }

    private static Task<int> RunSchedulerAsync(RunningHost host) =>
        host.Services.GetRequiredService<BriefingScheduler>().RunDueAsync(CancellationToken.None);

    private async Task AssertNothingMoreArrivesAsync()
    {
        await Task.Delay(500);
        Assert.DoesNotContain(_connector.Drain(), a => a.Activity.Value<string>("type") == "message");
    }

    [Fact]
    public async Task ABriefingSubscribedForTwoMinutesFromNowArrivesOnceOnTimeWithTheStories()
    {
        await using var host = await StartHostAsync(schedulerLoop: true);

        var confirmation = await SayAsync(host, "subscribe me to a daily briefing at 7:02");
        Assert.Contains("every day at 07:02 (Europe/Berlin)", confirmation, StringComparison.Ordinal);
        Assert.Contains("today at 07:02", confirmation, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(90));
        await AssertNothingMoreArrivesAsync();

        _time.Advance(TimeSpan.FromSeconds(45));
        var briefing = await _connector.NextMessageAsync();
        Assert.Equal("conv-1", briefing.ConversationId);
        Assert.Null(briefing.ReplyToId);
        Assert.Null(briefing.ReplyToPath);
        Assert.Contains("Your briefing", briefing.Text, StringComparison.Ordinal);
        Assert.Contains("Nakatani Attends NATO Defense Ministers’ Meeting", briefing.Text, StringComparison.Ordinal);

        for (var i = 0; i < 8; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(15));
        }

        await AssertNothingMoreArrivesAsync();
        var subscription = Assert.Single(await host.Services.GetRequiredService<ISubscriptionStore>().ListAllAsync());
        Assert.Equal(DateTimeOffset.Parse("2026-11-27T06:02:00Z"), subscription.NextDue);
        Assert.Equal(DeliveryStatus.Sent, Assert.Single(await host.Services.GetRequiredService<ISubscriptionStore>().ListDeliveriesAsync(subscription.Id)).Status);
    }

    [Fact]
    public async Task ARestartedHostDoesNotResendButCatchesUpAMissedBriefingOnceWithinTheGraceWindow()
    {
        await using (var first = await StartHostAsync())
        {
            await SayAsync(first, "subscribe me at 7:30");
            _time.Advance(TimeSpan.FromMinutes(31));
            Assert.Equal(1, await RunSchedulerAsync(first));
            await _connector.NextMessageAsync();
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        await using (var second = await StartHostAsync())
        {
            Assert.Equal(0, await RunSchedulerAsync(second));
        }

        // Down over the next morning's 07:30; back at 08:15, inside the two-hour grace window: sent once.
        _time.SetUtcNow(DateTimeOffset.Parse("2026-11-27T07:15:00Z"));
        await using (var third = await StartHostAsync())
        {
            Assert.Equal(1, await RunSchedulerAsync(third));
            Assert.Equal(0, await RunSchedulerAsync(third));
        }

        // Down until 11:00 the day after: too late, recorded as missed, not sent.
        _time.SetUtcNow(DateTimeOffset.Parse("2026-11-28T10:00:00Z"));
        await using (var fourth = await StartHostAsync())
        {
            Assert.Equal(0, await RunSchedulerAsync(fourth));
            var store = fourth.Services.GetRequiredService<ISubscriptionStore>();
            var subscription = Assert.Single(await store.ListAllAsync());
            Assert.Equal(
                [DeliveryStatus.Sent, DeliveryStatus.Sent, DeliveryStatus.Missed],
                (await store.ListDeliveriesAsync(subscription.Id)).Select(d => d.Status));
            Assert.Equal(DateTimeOffset.Parse("2026-11-29T06:30:00Z"), subscription.NextDue);
        }

        Assert.Single(_connector.Drain(), a => a.Activity.Value<string>("type") == "message");
    }

    [Fact]
    public async Task TwoSchedulersRacingOnOneDatabaseSendEachBriefingOnce()
    {
        await using var a = await StartHostAsync();
        await using var b = await StartHostAsync();
        for (var i = 0; i < 6; i++)
        {
            await SayAsync(i % 2 == 0 ? a : b, "subscribe this channel at 7:30", $"channel-{i}");
        }

        _time.Advance(TimeSpan.FromMinutes(31));
        var sent = await Task.WhenAll(RunSchedulerAsync(a), RunSchedulerAsync(b), RunSchedulerAsync(a), RunSchedulerAsync(b));

        Assert.Equal(6, sent.Sum());
        var delivered = new List<ReceivedActivity>();
        for (var i = 0; i < 6; i++)
        {
            delivered.Add(await _connector.NextMessageAsync());
        }

        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"channel-{i}"), delivered.Select(d => d.ConversationId).Order());
        await AssertNothingMoreArrivesAsync();
    }

    [Fact]
    public async Task AConnector503IsRetriedAndA403DeactivatesTheSubscriptionWithTheReason()
    {
        await using var host = await StartHostAsync();
        await SayAsync(host, "subscribe me at 7:30", "retried");
        await SayAsync(host, "subscribe me at 7:45", "removed");
        var calls = 0;
        _connector.StatusFor = _ => Interlocked.Increment(ref calls) switch
        {
            1 => 503,
            3 => 403,
            _ => 200,
        };

        _time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, await RunSchedulerAsync(host));
        Assert.Equal("retried", (await _connector.NextMessageAsync()).ConversationId);

        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(0, await RunSchedulerAsync(host));

        var store = host.Services.GetRequiredService<ISubscriptionStore>();
        var removed = Assert.Single(await store.ListAsync("emulator", "removed"));
        Assert.Equal(SubscriptionStatus.Inactive, removed.Status);
        Assert.Contains("403", removed.StatusReason, StringComparison.Ordinal);
        Assert.Null(removed.NextDue);
        Assert.Equal(3, calls);
        var listing = await SayAsync(host, "my subscriptions", "removed");
        Assert.Contains("stopped: The channel refused delivery (403", listing, StringComparison.Ordinal);
    }
}
