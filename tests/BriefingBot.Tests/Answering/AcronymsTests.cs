using BriefingBot.AI.Offline;

namespace BriefingBot.Tests.Answering;

/// <summary>Acronyms spelled out in a sentence, and questions that ask what one stands for.</summary>
public sealed class AcronymsTests
{
    [Theory]
    [InlineData("NATO", "Leaders of the North Atlantic Treaty Organization (NATO) met on Friday.", "North Atlantic Treaty Organization")]
    [InlineData("BoE", "Rates were left unchanged by the Bank of England (BoE) on Thursday.", "Bank of England")]
    [InlineData("G7", "Finance ministers of the Group of 7 (G7) gathered in Rome.", "Group of 7")]
    [InlineData("QF3", "The Quantum Fund Three (QF3) closed early.", "Quantum Fund Three")]
    [InlineData("WHO", "The World Health Organization (WHO) warned of a new wave.", "World Health Organization")]
    [InlineData("CHPS", "It is run by the Coastal Heritage Preservation Society ( CHPS ), a charity.", "Coastal Heritage Preservation Society")]
    public void ItFindsTheLongFormBeforeTheParenthesis(string acronym, string sentence, string expected) =>
        Assert.Equal(expected, Acronyms.LongForm(acronym, sentence));

    [Theory]
    [InlineData("NATO", "NATO (the alliance) met on Friday.")]
    [InlineData("EU", "Officials from the United Kingdom (EU) were absent.")]
    [InlineData("PTF", "The forum met without the PTF.")]
    public void ItFindsNoneWhereTheWordsDoNotSpellIt(string acronym, string sentence) =>
        Assert.Null(Acronyms.LongForm(acronym, sentence));

    [Theory]
    [InlineData("What does IP4 stand for?", "IP4")]
    [InlineData("what does the WHO mean?", "WHO")]
    [InlineData("What is BoE short for?", "BoE")]
    [InlineData("For what does AMAA stand?", "AMAA")]
    [InlineData("What does Nakatani say about China?", null)]
    [InlineData("Who leads NATO?", null)]
    public void ItKnowsWhenAQuestionAsksWhatAnAcronymStandsFor(string question, string? expected) =>
        Assert.Equal(expected, Acronyms.Asked(question));

    [Theory]
    [InlineData("AMAA", "The American Medical Association Alliance has been trying to get studios to act.", "American Medical Association Alliance")]
    [InlineData("BoE", "Rates were left unchanged by the Bank of England on Thursday.", "Bank of England")]
    [InlineData("NATO", "The alliance met in Brussels on Thursday.", null)]
    [InlineData("AMA", "A man asked about the ministers' agenda.", null)]
    public void ItFindsAnAcronymsWordsWhereTheStoryNeverWritesIt(string acronym, string sentence, string? expected) =>
        Assert.Equal(expected, Acronyms.SpelledOut(acronym, sentence));
}
