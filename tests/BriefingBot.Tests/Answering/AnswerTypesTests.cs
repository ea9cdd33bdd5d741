using BriefingBot.Core.Answering;
using BriefingBot.Core.Ingestion;
using BriefingBot.TestKit;

namespace BriefingBot.Tests.Answering;

/// <summary>Each kind of question on small stories written for these tests.</summary>
public sealed class AnswerTypesTests(AnswerTypesTests.StoriesFixture fixture) : IClassFixture<AnswerTypesTests.StoriesFixture>
{
    public const string RiverStory = """
        Three countries sign Danube clean-up treaty
        VIENNA — Austria, Hungary and Slovakia signed a treaty on Tuesday to share the costs of cleaning the Danube, officials said.
        The agreement was negotiated by Austrian Environment Minister Clara Weiss over eighteen months.
        The three governments will spend 450 million euros over ten years on filters and wetland repair.
        Germany and Croatia, which also border the river, attended the signing as observers but did not sign.
        Weiss said the treaty was needed because pollution in the river had risen 12 percent since 2019.
        The European Commission welcomed the deal and promised technical help.
        """;

    public const string RailStory = """
        Rail strike ends after pay deal
        Train drivers ended a week-long strike on Friday after accepting a pay offer of 6 percent.
        The union leader, Marco Bellini, said members voted by a large majority to accept.
        Commuters faced cancelled services across the north of the country during the dispute.
        The pay deal was signed in Milan after overnight talks with the transport minister, Lucia Ferri.
        """;

    private IAnswerService Answers => fixture.Services.Get<IAnswerService>();

    [Theory]
    [InlineData("Which countries signed the Danube treaty?", "Austria, Hungary and Slovakia")]
    [InlineData("Who negotiated the Danube agreement?", "Clara Weiss")]
    [InlineData("How much will the governments spend on the Danube clean-up?", "450 million euros")]
    [InlineData("When did the countries sign the Danube treaty?", "Tuesday")]
    [InlineData("Which organization welcomed the Danube deal?", "European Commission")]
    [InlineData("Who is the leader of the train drivers' union?", "Marco Bellini")]
    [InlineData("Where was the rail pay deal signed?", "Milan")]
    public async Task ItAnswersWithTheShortestSpan(string question, string expected)
    {
        var answer = await Answers.AnswerAsync(new Question(question));

        Assert.Equal(expected, answer.Span);
        Assert.False(answer.IsAbstention);
    }

    [Fact]
    public async Task ItLeavesOutCountriesThatOnlyWatched()
    {
        var answer = await Answers.AnswerAsync(new Question("Which countries signed the Danube treaty?"));

        Assert.DoesNotContain("Germany", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Croatia", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItExplainsWhyWithTheSentenceThatGivesTheReason()
    {
        var answer = await Answers.AnswerAsync(new Question("Why was the Danube treaty needed?"));

        Assert.Contains("because pollution in the river had risen 12 percent since 2019", answer.Text, StringComparison.Ordinal);
        Assert.Equal("Three countries sign Danube clean-up treaty", answer.Citations[0].Title);
    }

    [Fact]
    public async Task ItCitesTheSentenceTheFigureCameFrom()
    {
        var answer = await Answers.AnswerAsync(new Question("What pay rise did the train drivers accept?"));

        Assert.Contains("6 percent", answer.Text, StringComparison.Ordinal);
        Assert.Equal("Train drivers ended a week-long strike on Friday after accepting a pay offer of 6 percent.", answer.Citations[0].Sentence);
    }

    [Fact]
    public async Task ItAbstainsWhenNoStoryAnswers()
    {
        var answer = await Answers.AnswerAsync(new Question("Who won the chess olympiad?"));

        Assert.True(answer.IsAbstention);
        Assert.StartsWith("The articles I have don't say", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItReadsFollowUpsAgainstTheConversation()
    {
        var memory = new ConversationMemory();

        var first = await Answers.AnswerAsync(new Question("Who negotiated the Danube agreement?", memory));
        var second = await Answers.AnswerAsync(new Question("Why did she say the treaty was needed?", memory));
        var other = new ConversationMemory();
        var third = await Answers.AnswerAsync(new Question("What did Nakatani say about Ukraine?", other));
        var fourth = await Answers.AnswerAsync(new Question("and China?", other));

        Assert.Equal("Clara Weiss", first.Span);
        Assert.Equal("Clara Weiss", memory.LastEntities["Person"]);
        Assert.Contains("because pollution", second.Text, StringComparison.Ordinal);
        Assert.Contains("support for Ukraine", third.Text, StringComparison.Ordinal);
        Assert.Contains("attempts by China and Russia", fourth.Text, StringComparison.Ordinal);
    }

    public sealed class StoriesFixture : IAsyncLifetime
    {
        public TestServices Services { get; } = TestServices.Create();

        public async Task InitializeAsync()
        {
            var directory = Services.Database.Directory;
            await File.WriteAllTextAsync(Path.Combine(directory, "river.txt"), RiverStory);
            await File.WriteAllTextAsync(Path.Combine(directory, "rail.txt"), RailStory);
            var report = await Services.Get<IngestionPipeline>().IngestAsync([Path.Combine(directory, "river.txt"), Path.Combine(directory, "rail.txt"), SampleFiles.NatoStory]);
            Assert.Equal(3, report.Added);
        }

        public async Task DisposeAsync() => await Services.DisposeAsync();
    }
}
