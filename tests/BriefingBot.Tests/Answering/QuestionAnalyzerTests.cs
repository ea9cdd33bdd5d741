using BriefingBot.AI.Offline;

namespace BriefingBot.Tests.Answering;

/// <summary>Which questions want a list of names, and which want one thing.</summary>
public sealed class QuestionAnalyzerTests
{
    [Theory]
    [InlineData("Which countries joined the NATO meeting?", AnswerType.Country, true)]
    [InlineData("Who were the winners of the award?", AnswerType.Person, true)]
    [InlineData("Who were Yemen forces fighting?", AnswerType.Person, false)]
    [InlineData("A network of who were expected to announce a province?", AnswerType.Person, false)]
    [InlineData("Who is the NATO Secretary General?", AnswerType.Person, false)]
    [InlineData("What have legendary players like Sampras failed to do?", AnswerType.Sentence, false)]
    [InlineData("What players joined the club?", AnswerType.Person, true)]
    public void ItTellsAListQuestionFromOneAboutASingleThing(string question, AnswerType type, bool list)
    {
        var analysis = QuestionAnalyzer.Analyze(question);

        Assert.Equal(type, analysis.Type);
        Assert.Equal(list, analysis.WantsList);
    }
}
