using BriefingBot.Core.Text;

namespace BriefingBot.Tests.Text;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void ItSplitsAtSentenceEndsButNotAtAbbreviationsOrInitials()
    {
        var sentences = SentenceSplitter.Split("Mr. Smith met Gen. Lee in the U.S. capital. George W. Bush was not there. Prices rose 1.5% on Monday!");
        Assert.Equal(
            ["Mr. Smith met Gen. Lee in the U.S. capital.", "George W. Bush was not there.", "Prices rose 1.5% on Monday!"],
            sentences);
    }

    [Fact]
    public void ItEndsASentenceAtAQuoteAndAtAParagraphBreak()
    {
        var sentences = SentenceSplitter.Split("He said, “We will win.” Then he left\nA new paragraph starts");
        Assert.Equal(["He said, “We will win.”", "Then he left", "A new paragraph starts"], sentences);
    }
}
