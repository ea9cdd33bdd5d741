using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace BriefingBot.Tests.Dialogs;

/// <summary>The conversation, one utterance at a time, through Bot Builder's TestAdapter.</summary>
public sealed class BriefingActivityHandlerTests(SampleStoreFixture fixture) : IClassFixture<SampleStoreFixture>
{
    private const uint Timeout = 30_000;

    private TestFlow Flow(string conversation)
    {
        var adapter = new TestAdapter(TestAdapter.CreateConversation(conversation));
        var bot = fixture.Services.Get<IBot>();
        return new TestFlow(adapter, bot.OnTurnAsync);
    }

    private static Activity MembersAdded(params string[] ids) => new()
    {
        Type = ActivityTypes.ConversationUpdate,
        MembersAdded = ids.Select(id => new ChannelAccount(id)).ToList(),
    };

    [Fact]
    public async Task ItWelcomesEachNewMemberOnce()
    {
        await Flow(nameof(ItWelcomesEachNewMemberOnce))
            .Send(MembersAdded("user-a", "bot"))
            .AssertReply(a => Assert.StartsWith("Welcome! I'm BriefingBot. I have 1 article", a.AsMessageActivity().Text, StringComparison.Ordinal), "welcome", Timeout)
            .Send(MembersAdded("user-a"))
            .AssertNoReply("no second welcome", 500)
            .StartTestAsync();
    }

    [Fact]
    public async Task ItAnswersTheNatoQuestionWithTheFourCountriesAndTheSource()
    {
        await Flow(nameof(ItAnswersTheNatoQuestionWithTheFourCountriesAndTheSource))
            .Send("Which countries joined the NATO meeting?")
            .AssertReply(
                a =>
                {
                    var text = a.AsMessageActivity().Text;
                    Assert.StartsWith("Japan, South Korea, Australia and New Zealand.", text, StringComparison.Ordinal);
                    Assert.Contains("**Source:**\n1. Nakatani Attends NATO Defense Ministers’ Meeting", text, StringComparison.Ordinal);
                    Assert.Contains("nato-defence-ministers-2024-10-18.txt, 18 Oct 2024", text, StringComparison.Ordinal);
                    Assert.DoesNotContain("China", text.Split("**Source")[0], StringComparison.Ordinal);
                    Assert.Equal(TextFormatTypes.Markdown, a.AsMessageActivity().TextFormat);
                },
                "answer",
                Timeout)
            .StartTestAsync();
    }

    [Fact]
    public async Task ItStripsAMentionOfTheBotBeforeUnderstanding()
    {
        var message = MessageFactory.Text("<at>BriefingBot</at> help");
        message.Recipient = new ChannelAccount("bot", "BriefingBot");
        message.Entities =
        [
            new Entity("mention") { Properties = Newtonsoft.Json.Linq.JObject.FromObject(new { mentioned = new { id = "bot", name = "BriefingBot" }, text = "<at>BriefingBot</at>" }) },
            new Entity("mention") { Properties = Newtonsoft.Json.Linq.JObject.FromObject(new { text = "<at>Someone</at>" }) },
        ];

        await Flow(nameof(ItStripsAMentionOfTheBotBeforeUnderstanding))
            .Send(message)
            .AssertReply(a => Assert.StartsWith("I'm BriefingBot.", a.AsMessageActivity().Text, StringComparison.Ordinal), "help", Timeout)
            .StartTestAsync();
    }

    [Fact]
    public async Task ItAsksWhichArticleThenSummarizesTheOneNamed()
    {
        await Flow(nameof(ItAsksWhichArticleThenSummarizesTheOneNamed))
            .Send("summarize")
            .AssertReply("Which article should I summarize? Give me a few words of its title or topic, or say \"the last article\".")
            .Send("the NATO article")
            .AssertReply(
                a =>
                {
                    var text = a.AsMessageActivity().Text;
                    Assert.StartsWith("**Nakatani Attends NATO", text, StringComparison.Ordinal);
                    Assert.Contains("**TL;DR:** Defense Minister Gen Nakatani attended", text, StringComparison.Ordinal);
                    Assert.DoesNotContain("RANKING", text, StringComparison.Ordinal);
                },
                "summary",
                Timeout)
            .StartTestAsync();
    }

    [Fact]
    public async Task ItSummarizesTheLastArticleInOneTurn()
    {
        await Flow(nameof(ItSummarizesTheLastArticleInOneTurn))
            .Send("summarize the last article")
            .AssertReply(a => Assert.Contains("**TL;DR:**", a.AsMessageActivity().Text, StringComparison.Ordinal), "summary", Timeout)
            .StartTestAsync();
    }

    [Fact]
    public async Task ItCancelsAWaitingSummaryAndThenAnswersQuestionsAgain()
    {
        await Flow(nameof(ItCancelsAWaitingSummaryAndThenAnswersQuestionsAgain))
            .Send("summarize")
            .AssertReply(a => Assert.StartsWith("Which article", a.AsMessageActivity().Text, StringComparison.Ordinal))
            .Send("help")
            .AssertReply(a => Assert.Contains("Say \"cancel\" to stop.", a.AsMessageActivity().Text, StringComparison.Ordinal))
            .Send("cancel")
            .AssertReply("OK, cancelled.")
            .Send("Who is the NATO Secretary General?")
            .AssertReply(a => Assert.StartsWith("Mark Rutte.", a.AsMessageActivity().Text, StringComparison.Ordinal), "answer", Timeout)
            .StartTestAsync();
    }

    [Fact]
    public async Task ItKeepsAskingWhenTheNamedArticleDoesNotExist()
    {
        await Flow(nameof(ItKeepsAskingWhenTheNamedArticleDoesNotExist))
            .Send("summarize the cricket world cup")
            .AssertReply("I couldn't find an article about \"the cricket world cup\". Try other words from its title, or say \"cancel\".", "not found", Timeout)
            .Send("the NATO one")
            .AssertReply(a => Assert.Contains("**TL;DR:**", a.AsMessageActivity().Text, StringComparison.Ordinal), "summary", Timeout)
            .StartTestAsync();
    }

    [Fact]
    public async Task ItFollowsAThreeTurnConversation()
    {
        await Flow(nameof(ItFollowsAThreeTurnConversation))
            .Send("What did Nakatani say about Ukraine?")
            .AssertReply(a => Assert.Contains("support for Ukraine", a.AsMessageActivity().Text, StringComparison.Ordinal), "first", Timeout)
            .Send("and China?")
            .AssertReply(a => Assert.Contains("attempts by China and Russia", a.AsMessageActivity().Text, StringComparison.Ordinal), "ellipsis", Timeout)
            .Send("Who did he hold bilateral talks with?")
            .AssertReply(a => Assert.StartsWith("Rustem Umerov.", a.AsMessageActivity().Text, StringComparison.Ordinal), "pronoun", Timeout)
            .StartTestAsync();
    }

    [Fact]
    public async Task ItBriefsOnWhatIsNewToday()
    {
        await Flow(nameof(ItBriefsOnWhatIsNewToday))
            .Send("what's new today?")
            .AssertReply(
                a =>
                {
                    var text = a.AsMessageActivity().Text;
                    Assert.StartsWith("**Briefing** — 1 story since", text, StringComparison.Ordinal);
                    Assert.Contains("1. **Nakatani Attends NATO", text, StringComparison.Ordinal);
                    Assert.Contains("Source: nato-defence-ministers-2024-10-18.txt, 18 Oct 2024", text, StringComparison.Ordinal);
                },
                "briefing",
                Timeout)
            .Send("briefing on cricket")
            .AssertReply(a => Assert.StartsWith("Quiet day: no new stories on cricket since", a.AsMessageActivity().Text, StringComparison.Ordinal), "quiet", Timeout)
            .StartTestAsync();
    }

    [Fact]
    public async Task ItSaysPlainlyWhenTheNewsDoesNotSay()
    {
        await Flow(nameof(ItSaysPlainlyWhenTheNewsDoesNotSay))
            .Send("What is the price of bitcoin?")
            .AssertReply(a => Assert.StartsWith("The articles I have don't say.", a.AsMessageActivity().Text, StringComparison.Ordinal), "abstention", Timeout)
            .StartTestAsync();
    }
}
