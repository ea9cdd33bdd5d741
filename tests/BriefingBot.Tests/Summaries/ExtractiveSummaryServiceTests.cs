using BriefingBot.Core.Search;
using BriefingBot.Core.Storage;
using BriefingBot.Core.Summaries;

namespace BriefingBot.Tests.Summaries;

public sealed class ExtractiveSummaryServiceTests(SampleStoreFixture fixture) : IClassFixture<SampleStoreFixture>
{
    [Fact]
    public async Task ItSummarizesTheSampleStoryWithItsKeyFactsAndNoSiteFurniture()
    {
        var article = await fixture.Services.Get<ArticleFinder>().FindAsync("NATO");
        Assert.NotNull(article);
        var sentences = await fixture.Services.Get<IArticleStore>().GetSentencesAsync(article.Id);

        var summary = await fixture.Services.Get<ISummaryService>().SummarizeAsync(article, sentences.Select(s => s.Text).ToList());

        var text = summary.Text;
        Assert.Contains("Nakatani", summary.Tldr, StringComparison.Ordinal);
        Assert.Contains("North Atlantic Treaty Organization", text, StringComparison.Ordinal);
        foreach (var country in new[] { "Japan", "South Korea", "Australia", "New Zealand" })
        {
            Assert.Contains(country, text, StringComparison.Ordinal);
        }

        Assert.InRange(summary.KeyPoints.Count, 3, 5);
        Assert.True(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 120, text);
        Assert.DoesNotContain("BRUSSELS —", text, StringComparison.Ordinal);
        Assert.DoesNotContain("POPULAR", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tourists", text, StringComparison.Ordinal);
    }
}
