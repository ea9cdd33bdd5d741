using BriefingBot.Core.Subscriptions;
using BriefingBot.TestKit;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BriefingBot.Tests.Dialogs;

/// <summary>The subscription conversation through Bot Builder's TestAdapter, on a store of its own and a fixed clock.</summary>
public sealed class SubscriptionDialogTests : IDisposable
{
    private const uint Timeout = 30_000;

    private readonly TestServices _services = TestServices.Create(configure: s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T05:00:00Z"))));

    public void Dispose() => _services.Dispose();

    private TestFlow Flow(string? localTimezone = null, string conversation = "dialog-tests")
    {
        var adapter = new TestAdapter(TestAdapter.CreateConversation(conversation));
        if (localTimezone is not null)
        {
            adapter.Use(new TimezoneMiddleware(localTimezone));
        }

        return new TestFlow(adapter, _services.Get<IBot>().OnTurnAsync);
    }

    private Task<IReadOnlyList<Subscription>> StoredAsync() => _services.Get<ISubscriptionStore>().ListAllAsync();

    private static Action<IActivity> Says(string expected) =>
        a => Assert.Contains(expected, a.AsMessageActivity().Text, StringComparison.Ordinal);

    [Fact]
    public async Task ItSubscribesWithTheClientsTimeZoneAndConfirmsTimeZoneAndTopics()
    {
        await Flow("Asia/Tokyo")
            .Send("subscribe me to a daily briefing at 7:30 on defense and Asia")
            .AssertReply(Says("a briefing every day at 07:30 (Asia/Tokyo) on defense, Asia. The first one arrives tomorrow at 07:30"), "confirmation", Timeout)
            .StartTestAsync();

        var subscription = Assert.Single(await StoredAsync());
        Assert.Equal(DateTimeOffset.Parse("2026-11-26T22:30:00Z"), subscription.NextDue);
        Assert.Equal("user1", subscription.UserId);
        Assert.Contains("\"serviceUrl\"", subscription.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItRepromptsForABadTimeAndAnUnknownZoneThenAsksTheZoneOnlyOnce()
    {
        await Flow()
            .Send("subscribe this channel at 25:00 weekdays only")
            .AssertReply(Says("“at 25:00” isn't a time of day. Say a time of day such as 7:30, 07:30 or 6 pm. What time should the briefing arrive?"), "bad time", Timeout)
            .Send("9:00")
            .AssertReply(Says("Which time zone are you in?"), "zone question", Timeout)
            .Send("Mars/Olympus")
            .AssertReply(Says("I don't know the time zone “Mars/Olympus”"), "bad zone", Timeout)
            .Send("Europe/Berlin")
            .AssertReply(Says("This conversation gets a briefing every weekday at 09:00 (Europe/Berlin)"), "confirmation", Timeout)
            .Send("subscribe me at 18:00")
            .AssertReply(Says("You'll get a briefing every day at 18:00 (Europe/Berlin)"), "zone remembered", Timeout)
            .StartTestAsync();

        var stored = await StoredAsync();
        Assert.Equal(2, stored.Count);
        Assert.True(stored[0].IsForConversation);
        Assert.Equal(BriefingSchedule.Weekdays, stored[0].Schedule.Days);
    }

    [Fact]
    public async Task ItListsChangesPausesResumesAndUnsubscribes()
    {
        await Flow("Europe/Berlin")
            .Send("subscribe me at 7:30")
            .AssertReply(Says("Subscribed (#1)"), "subscribed", Timeout)
            .Send("change my briefing to 8:00 on energy")
            .AssertReply(Says("Changed #1: a briefing every day at 08:00 (Europe/Berlin) on energy. The next one arrives today at 08:00."), "changed", Timeout)
            .Send("pause")
            .AssertReply(Says("Paused #1"), "paused", Timeout)
            .Send("my subscriptions")
            .AssertReply(Says("#1 every day at 08:00 (Europe/Berlin) on energy — paused"), "listed", Timeout)
            .Send("resume")
            .AssertReply(Says("Resumed #1: next briefing today at 08:00."), "resumed", Timeout)
            .Send("unsubscribe 7")
            .AssertReply(Says("There is no subscription #7 in this conversation."), "unknown number", Timeout)
            .Send("unsubscribe")
            .AssertReply(Says("Unsubscribed: #1."), "unsubscribed", Timeout)
            .Send("my subscriptions")
            .AssertReply(Says("You have no briefing subscriptions here."), "none left", Timeout)
            .StartTestAsync();

        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task SendMyBriefingNowRepliesWithTheSubscriptionsBriefing()
    {
        await Flow("Europe/Berlin")
            .Send("subscribe me at 7:30 on energy")
            .AssertReply(Says("Subscribed"), "subscribed", Timeout)
            .Send("send my briefing now")
            .AssertReply(
                a =>
                {
                    Assert.Contains("Your briefing", a.AsMessageActivity().Text, StringComparison.Ordinal);
                    Assert.Contains("no new stories on energy", a.AsMessageActivity().Text, StringComparison.Ordinal);
                },
                "briefing",
                Timeout)
            .StartTestAsync();
    }

    /// <summary>Sets the activity's localTimezone, as Web Chat and Teams clients do.</summary>
    private sealed class TimezoneMiddleware(string zone) : IMiddleware
    {
        public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
        {
            turnContext.Activity.LocalTimezone = zone;
            return next(cancellationToken);
        }
    }
}
