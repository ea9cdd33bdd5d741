using BriefingBot.Core.Articles;
using BriefingBot.Core.Storage;
using BriefingBot.TestKit;

namespace BriefingBot.Tests.Storage;

public sealed class SqliteArticleStoreTests : IDisposable
{
    private readonly TestServices _services = TestServices.Create();

    private IArticleStore Store => _services.Get<IArticleStore>();

    private static NewArticle Article(string hash, params string[] sentences) =>
        new(new ArticleDraft("Title " + hash, string.Join(" ", sentences), "Test", null, null), hash, sentences, sentences.Select(_ => (float[]?)new float[] { 1, 0, 0 }).ToList());

    [Fact]
    public async Task ItFindsSentencesByFullTextWithStemming()
    {
        await Store.AddAsync(Article("h1", "The ministers joined the summit.", "Weather was mild."));

        var hits = await Store.SearchSentencesAsync(["join", "summits"], 10);

        Assert.Equal("The ministers joined the summit.", Assert.Single(hits).Text);
    }

    [Fact]
    public async Task ItWritesNothingWhenAnArticleCannotBeStoredWhole()
    {
        await Store.AddAsync(Article("same", "First sentence here."));

        await Assert.ThrowsAsync<Core.Storage.DuplicateArticleException>(() => Store.AddAsync(Article("same", "Second sentence here.")));

        Assert.Equal(1, await Store.CountAsync());
        Assert.Empty(await Store.SearchSentencesAsync(["second"], 10));
        Assert.Single(await Store.GetVectorsAsync(0, 100));
    }

    [Fact]
    public async Task ItTreatsUserTextAsWordsNotFullTextSyntax()
    {
        await Store.AddAsync(Article("h2", "Prices rose in NEAR term markets."));

        var hits = await Store.SearchSentencesAsync(["\"NEAR(", "prices*", "OR"], 10);

        Assert.Equal("Prices rose in NEAR term markets.", Assert.Single(hits).Text);
    }

    public void Dispose() => _services.Dispose();
}
