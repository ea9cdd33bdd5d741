using BriefingBot.Core.Ingestion;
using BriefingBot.TestKit;

namespace BriefingBot.Tests.Ingestion;

public sealed class ArticleTextExtractorTests
{
    private static ArticleTextExtractor.Extracted Sample() =>
        ArticleTextExtractor.Extract(File.ReadAllText(SampleFiles.NatoStory), null);

    [Fact]
    public void ItTakesTheHeadlineAsTitle()
    {
        Assert.StartsWith("Nakatani Attends NATO Defense Ministers’ Meeting", Sample().Title);
    }

    [Fact]
    public void ItParsesTheTimeLineWithItsZone()
    {
        Assert.Equal(new DateTimeOffset(2024, 10, 18, 15, 2, 0, TimeSpan.FromHours(9)), Sample().Published);
    }

    [Fact]
    public void ItStartsTheBodyAtTheDatelineAndDropsThePhotoCaption()
    {
        var body = Sample().Body;
        Assert.StartsWith("BRUSSELS — Defense Minister Gen Nakatani attended", body);
        Assert.DoesNotContain(", center, attends", body);
        Assert.DoesNotContain("15:02 JST", body);
    }

    [Fact]
    public void ItDropsSectionLabelsRankingsAndListsOfOtherHeadlines()
    {
        var body = Sample().Body;
        Assert.EndsWith("meeting together with his counterparts from the other IP4 countries.", body);
        Assert.DoesNotContain("POPULAR ARTICLE", body);
        Assert.DoesNotContain("RANKING", body);
        Assert.DoesNotContain("Permanent Residency", body);
        Assert.DoesNotContain("Mega Solar", body);
    }

    [Fact]
    public void ItKeepsAKnownTitleAndDropsItsRepeatFromTheText()
    {
        var extracted = ArticleTextExtractor.Extract("Budget passes\nThe budget passed on Tuesday after a long debate in parliament.\n", "Budget passes");
        Assert.Equal("Budget passes", extracted.Title);
        Assert.Equal("The budget passed on Tuesday after a long debate in parliament.", extracted.Body);
    }

    [Fact]
    public void ItKeepsBodyParagraphsThatEndLikeProse()
    {
        var text = "Title Here\nFirst paragraph of the story ends here.\n\"And a quote ends the story,\" she said.\n";
        var extracted = ArticleTextExtractor.Extract(text, null);
        Assert.EndsWith("she said.", extracted.Body);
    }
}
