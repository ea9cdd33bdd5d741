using BriefingBot.AI.Offline;
using BriefingBot.AI.Offline.Reader;
using BriefingBot.Core.Answering;
using BriefingBot.TestKit;

namespace BriefingBot.Tests.Answering;

/// <summary>The MiniLM reader and its answer pointer on sentences written for these tests.</summary>
public sealed class ReaderTests
{
    private const string Bakery = "The bakery on Elm Street was opened in 1998 by Maria Lopez, a chemist who had moved from Madrid.";
    private const string Weather = "Heavy rain is expected across the region for the rest of the week.";

    [Fact]
    public void ItReadsEveryWordOfEachSentence()
    {
        var states = Read("Who opened the bakery?", Bakery, Weather);

        Assert.Equal(2, states.Count);
        Assert.Equal(SpanExtractor.Tokens(Bakery).Count, states[0].First.Length);
        Assert.All(states[0].First, s => Assert.Equal(MiniLmReader.Dimensions, s!.Length));
        Assert.All(states[1].Last, s => Assert.NotNull(s));
    }

    [Fact]
    public void ItKeepsTheFirstWordsOfASentenceTooLongForTheModel()
    {
        var longSentence = string.Join(' ', Enumerable.Repeat("The committee met again", 120)) + ".";

        var states = Read("When did the committee meet?", longSentence)[0];

        Assert.NotNull(states.First[0]);
        Assert.Null(states.First[^1]);
    }

    [Theory]
    [InlineData("Who opened the bakery on Elm Street?", "Maria Lopez")]
    [InlineData("When did the bakery open?", "1998")]
    public void ItPointsAtTheAnswerOfTheSentenceThatHoldsIt(string question, string expected)
    {
        var states = Read(question, Weather, Bakery);

        var pointers = AnswerPointer.Default.Point(states);
        var best = pointers.Select((p, s) => (Sentence: s, Span: p.Best(1).Single())).MaxBy(x => x.Span.LogProbability);

        Assert.Equal(1, best.Sentence);
        var tokens = SpanExtractor.Tokens(Bakery);
        var text = Bakery[tokens[best.Span.From].Start..tokens[best.Span.To - 1].End];
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.True(best.Span.To - best.Span.From <= 4, $"'{text}' is longer than the answer needs");
    }

    [Fact]
    public async Task WithoutTheReaderTheRankerStillAnswers()
    {
        await using var services = TestServices.Create(new Dictionary<string, string?> { ["Ai:Reader"] = "false" });
        var context = Weather + " " + Bakery;

        var who = await services.Get<IAnswerService>().AnswerAsync(new Question("Who opened the bakery on Elm Street?", Context: context));
        var when = await services.Get<IAnswerService>().AnswerAsync(new Question("When did the bakery open?", Context: context));

        Assert.Equal("Maria Lopez", who.Span);
        Assert.Equal("1998", when.Span);
        Assert.Equal(Bakery, who.Citations[0].Sentence);
    }

    private static IReadOnlyList<WordStates> Read(string question, params string[] sentences) =>
        MiniLmReader.Instance.Read(question, sentences);
}
