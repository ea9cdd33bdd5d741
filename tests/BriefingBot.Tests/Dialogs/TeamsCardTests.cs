using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace BriefingBot.Tests.Dialogs;

/// <summary>Replies in Microsoft Teams are Adaptive Cards whose buttons the bot understands.</summary>
public sealed class TeamsCardTests(SampleStoreFixture fixture) : IClassFixture<SampleStoreFixture>
{
    private const uint Timeout = 30_000;

    private TestFlow Flow(string conversation)
    {
        var reference = new ConversationReference
        {
            ChannelId = Microsoft.Bot.Connector.Channels.Msteams,
            ServiceUrl = "https://smba.test/",
            User = new ChannelAccount("29:user", "User"),
            Bot = new ChannelAccount("28:bot", "BriefingBot"),
            Conversation = new ConversationAccount(id: conversation),
        };
        return new TestFlow(new TestAdapter(reference), fixture.Services.Get<IBot>().OnTurnAsync);
    }

    private static JObject Card(IActivity activity)
    {
        var attachment = Assert.Single(activity.AsMessageActivity().Attachments);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        var card = JObject.FromObject(attachment.Content);
        Assert.Equal(("AdaptiveCard", "1.5"), ((string?)card["type"], (string?)card["version"]));
        return card;
    }

    [Fact]
    public async Task ItAnswersWithACardWhoseButtonSummarizesTheStory()
    {
        await Flow(nameof(ItAnswersWithACardWhoseButtonSummarizesTheStory))
            .Send("Which countries joined the NATO meeting?")
            .AssertReply(
                a =>
                {
                    var card = Card(a);
                    Assert.Equal("Japan, South Korea, Australia and New Zealand.", (string?)card["body"]![0]!["text"]);
                    Assert.Contains(card["body"]!, b => ((string?)b["text"])?.Contains("Indo-Pacific Four (IP4)", StringComparison.Ordinal) == true);
                    var submit = Assert.Single(card["actions"]!, x => (string?)x["type"] == "Action.Submit");
                    Assert.Equal("summarize that article", (string?)submit["data"]!["text"]);
                },
                "answer card",
                Timeout)
            .Send(new Activity(ActivityTypes.Message) { Value = new JObject { ["text"] = "summarize that article" } })
            .AssertReply(a => Assert.StartsWith("Nakatani Attends NATO", (string?)Card(a)["body"]![0]!["text"], StringComparison.Ordinal), "summary card", Timeout)
            .StartTestAsync();
    }

    [Fact]
    public async Task ItSendsABriefingAsACardWithEachStorysSources()
    {
        await Flow(nameof(ItSendsABriefingAsACardWithEachStorysSources))
            .Send("what's new today")
            .AssertReply(
                a =>
                {
                    var body = Card(a)["body"]!;
                    Assert.StartsWith("Briefing — 1 story since", (string?)body[0]!["text"], StringComparison.Ordinal);
                    Assert.StartsWith("Nakatani Attends NATO", (string?)body[1]!["text"], StringComparison.Ordinal);
                    Assert.Contains("nato-defence-ministers-2024-10-18.txt", (string?)body[3]!["text"], StringComparison.Ordinal);
                },
                "briefing card",
                Timeout)
            .StartTestAsync();
    }

    [Fact]
    public void ALongScheduledBriefingIsSplitIntoCardsUnderTheSizeLimitWithTheButtonsOnTheLast()
    {
        var citation = new BriefingBot.Core.Articles.Citation(1, "Story", "Wire", DateTimeOffset.Parse("2026-11-26T06:00:00Z"), "https://news.test/story", "A sentence.");
        var items = Enumerable.Range(1, 8)
            .Select(i => new BriefingBot.Core.Briefings.BriefingItem($"Headline {i}", string.Join(' ', Enumerable.Repeat($"summary{i}", 1500)), [citation], 1.0 / i))
            .ToList();
        var now = DateTimeOffset.Parse("2026-11-26T06:00:00Z");
        var briefing = new BriefingBot.Core.Briefings.Briefing(new BriefingBot.Core.Briefings.BriefingRequest(now.AddDays(-1), now, []), items);
        var renderer = new BriefingBot.Dialogs.Rendering.TeamsCardRenderer(new BriefingBot.Dialogs.Rendering.MarkdownRenderer());

        var messages = renderer.RenderBriefing(briefing, new BriefingBot.Dialogs.Rendering.ScheduledBriefing(4, "every day at 07:30 (Europe/Berlin)"));

        Assert.True(messages.Count > 1);
        var cards = messages.Select(Card).ToList();
        Assert.All(cards, c => Assert.True(System.Text.Encoding.UTF8.GetByteCount(c.ToString(Newtonsoft.Json.Formatting.None)) <= BriefingBot.Dialogs.Rendering.TeamsCardRenderer.MaxCardBytes));
        var texts = cards.SelectMany(c => c["body"]!.Select(b => (string?)b["text"])).ToList();
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"Headline {i}"), texts.Where(t => t!.StartsWith("Headline ", StringComparison.Ordinal)));
        Assert.StartsWith("☀️ Your briefing", texts[0], StringComparison.Ordinal);
        Assert.Null(cards[0]["actions"]);
        Assert.Contains(cards[^1]["actions"]!, a => (string?)a["data"]!["text"] == "unsubscribe 4");
    }
}
