using BriefingBot.Core.Subscriptions;
using BriefingBot.Dialogs.Subscriptions;
using BriefingBot.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;

namespace BriefingBot.IntegrationTests;

/// <summary>Two real hosts on one PostgreSQL database, as two instances behind a load balancer.</summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private TestPostgres _database = null!;
    private LoopbackConnector _connector = null!;
    private RunningHost _a = null!;
    private RunningHost _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateAsync();
        _connector = await LoopbackConnector.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = _database.ConnectionString,
            ["Briefings:SchedulerEnabled"] = "false",
            ["Ingestion:PollingEnabled"] = "false",
        };
        var hosts = await Task.WhenAll(RunningHost.StartAsync(settings), RunningHost.StartAsync(settings));
        (_a, _b) = (hosts[0], hosts[1]);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _connector.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task AConversationMovesBetweenInstancesWithItsState()
    {
        await Activities.PostAsync(_a.Client, Activities.Message("Which countries joined the NATO meeting?", _connector.ServiceUrl, "shared-conv"));
        Assert.StartsWith("Japan, South Korea, Australia and New Zealand.", (await _connector.NextMessageAsync()).Text, StringComparison.Ordinal);

        // The follow-up lands on the other instance, which reads the conversation's memory from PostgreSQL.
        await Activities.PostAsync(_b.Client, Activities.Message("summarize that article", _connector.ServiceUrl, "shared-conv"));

        var summary = (await _connector.NextMessageAsync()).Text;
        Assert.Contains("Nakatani Attends NATO Defense Ministers’ Meeting", summary, StringComparison.Ordinal);
        Assert.Contains("TL;DR", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoInstancesDeliverAHundredScheduledBriefingsExactlyOnce()
    {
        var store = _a.Services.GetRequiredService<ISubscriptionStore>();
        var due = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var i = 0; i < 100; i++)
        {
            var reference = new Microsoft.Bot.Schema.ConversationReference
            {
                ChannelId = "emulator",
                ServiceUrl = _connector.ServiceUrl,
                Conversation = new Microsoft.Bot.Schema.ConversationAccount(id: $"briefing-{i:D3}"),
                Bot = new Microsoft.Bot.Schema.ChannelAccount("bot-1"),
                User = new Microsoft.Bot.Schema.ChannelAccount($"user-{i}"),
            };
            await store.AddAsync(new Subscription
            {
                ChannelId = "emulator",
                ConversationId = $"briefing-{i:D3}",
                UserId = $"user-{i}",
                Reference = JsonConvert.SerializeObject(reference),
                Schedule = new BriefingSchedule(new TimeOnly(7, 30), BriefingSchedule.EveryDay, "Europe/Berlin"),
                CreatedAt = due,
                NextDue = due,
            });
        }

        var sent = await Task.WhenAll(
            _a.Services.GetRequiredService<BriefingScheduler>().RunDueAsync(CancellationToken.None),
            _b.Services.GetRequiredService<BriefingScheduler>().RunDueAsync(CancellationToken.None));

        Assert.Equal(100, sent.Sum());
        var received = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            received.Add((await _connector.NextMessageAsync()).ConversationId);
        }

        await Task.Delay(500);
        Assert.DoesNotContain(_connector.Drain(), a => a.Activity.Value<string>("type") == "message");
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"briefing-{i:D3}"), received.Order());
    }
}
