using BriefingBot.Core.Answering;

namespace BriefingBot.Tests.Answering;

public sealed class ExtractiveAnswerServiceTests(SampleStoreFixture fixture) : IClassFixture<SampleStoreFixture>
{
    private IAnswerService Answers => fixture.Services.Get<IAnswerService>();

    [Fact]
    public async Task ItListsTheCountriesThatJoinedTheMeetingAndNotThoseOnlyMentioned()
    {
        var answer = await Answers.AnswerAsync(new Question("Which countries joined the NATO meeting?"));

        Assert.Equal("Japan, South Korea, Australia and New Zealand", answer.Span);
        foreach (var mentionedOnly in new[] { "China", "Russia", "Taiwan" })
        {
            Assert.DoesNotContain(mentionedOnly, answer.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ItCitesTheSentenceTheAnswerCameFrom()
    {
        var answer = await Answers.AnswerAsync(new Question("Which countries joined the NATO meeting?"));

        var citation = answer.Citations[0];
        Assert.StartsWith("Nakatani Attends NATO", citation.Title);
        Assert.Contains("Japan, South Korea, Australia and New Zealand", citation.Sentence, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2024, 10, 18, 15, 2, 0, TimeSpan.FromHours(9)), citation.Published);
        Assert.True(answer.Confidence >= 0.5, $"confidence {answer.Confidence}");
    }

    [Fact]
    public async Task ItNamesThePersonAQuestionAsksFor()
    {
        var answer = await Answers.AnswerAsync(new Question("Who is the NATO Secretary General?"));

        Assert.Equal("Mark Rutte", answer.Span);
    }

    [Fact]
    public async Task ItSaysSoWhenTheArticlesDoNotAnswer()
    {
        var answer = await Answers.AnswerAsync(new Question("What is the price of bitcoin?"));

        Assert.True(answer.IsAbstention);
        Assert.StartsWith("The articles I have don't say", answer.Text, StringComparison.Ordinal);
        Assert.Equal(0, answer.Confidence);
    }

    [Theory]
    [InlineData("Who opened the bakery on Elm Street?", "Maria Lopez")]
    [InlineData("When did the bakery open?", "1998")]
    [InlineData("Where had the chemist moved from?", "Madrid")]
    public async Task ItPicksTheSpanThatAnswersAmongTheSentencesNames(string question, string expected)
    {
        const string context = "Heavy rain is expected across the region for the rest of the week. " +
            "The bakery on Elm Street was opened in 1998 by Maria Lopez, a chemist who had moved from Madrid.";

        var answer = await Answers.AnswerAsync(new Question(question, Context: context));

        Assert.Equal(expected, answer.Span);
    }

    [Fact]
    public async Task ItAnswersFromAGivenContextWithAnExactSubstring()
    {
        const string context = "The Eiffel Tower was completed in 1889. It was designed by the company of Gustave Eiffel. The tower is 330 metres tall.";

        var answer = await Answers.AnswerAsync(new Question("When was the Eiffel Tower completed?", Context: context));

        Assert.Equal("1889", answer.Span);
        Assert.Contains(answer.Span!, context, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItReadsTreebankTokenizedTextAndQuotesItsSpanExactly()
    {
        const string context = "HARBOR CITY , Maine -LRB- CNN -RRB- -- The harbor museum reopened on Tuesday after a flood . " +
            "It is run by the Coastal Heritage Preservation Society -LRB- CHPS -RRB- , a charity founded by sailors . " +
            "`` We lost almost nothing , '' said the director , Ellen Marsh .";

        var acronym = await Answers.AnswerAsync(new Question("For what does CHPS stand?", Context: context));
        var who = await Answers.AnswerAsync(new Question("Who is the director of the museum?", Context: context));

        Assert.Equal("Coastal Heritage Preservation Society", acronym.Span);
        Assert.Contains("-LRB- CHPS -RRB-", acronym.Citations[0].Sentence, StringComparison.Ordinal);
        Assert.Equal("Ellen Marsh", who.Span);
        Assert.Contains(who.Citations[0].Sentence, context, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItNeverAnswersWithTheNewsAgencyOfADateline()
    {
        const string context = "LONDON , England -LRB- CNN -RRB- -- The novelist Tom Hale has died at his home in Bath , his family said .";

        var answer = await Answers.AnswerAsync(new Question("Where did Tom Hale die?", Context: context));

        Assert.DoesNotContain("CNN", answer.Span, StringComparison.Ordinal);
        Assert.Contains("Bath", answer.Span, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItReadsTheLeadOfALongStoryForItsKeyFacts()
    {
        string[] story =
        [
            "Rescue teams pulled 14 workers alive from the flooded shaft on Monday, regional officials said.",
            "Families had waited through the night at the gates.",
            "The mine has been operating since the 1970s.",
            "Its owner said pumps had failed after heavy rain.",
            "Unions have long warned about safety at the Karvina pit.",
            "Inspectors will visit the Karvina pit later this week.",
            "Miners at the Karvina pit have rescued colleagues before.",
            "Local schools closed for the day.",
            "The mayor thanked the volunteers who helped.",
            "Doctors said most of those treated had minor injuries.",
            "The rescue of miners from the Karvina pit was watched by crowds of anxious families and reporters.",
            "Rescued miners from the Karvina pit were taken to the regional hospital.",
            "The company's shares fell in early trading.",
        ];

        var answer = await Answers.AnswerAsync(new Question("How many miners were rescued from the Karvina pit?", Context: string.Join(' ', story)));

        Assert.Equal("14", answer.Span);
        Assert.Equal(story[0], answer.Citations[0].Sentence);
    }

    [Theory]
    [InlineData("When did this attempt take place?", "1629")]
    [InlineData("What is the price of bitcoin?", null)]
    public async Task ItAnswersTerseQuestionsAboutAProvidedTextButDeclinesUnrelatedOnes(string question, string? expected)
    {
        const string context = "The king's advisers met at Nîmes to settle the dispute. " +
            "A royal proclamation in 1629 ended the rebellion and confirmed the edict's religious terms.";

        var answer = await Answers.AnswerAsync(new Question(question, Context: context));

        Assert.Equal(expected, answer.Span);
        Assert.Equal(expected is null, answer.IsAbstention);
        if (expected is null)
        {
            Assert.Equal("The text doesn't say.", answer.Text);
        }
    }
}
