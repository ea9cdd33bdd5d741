using BriefingBot.Core.Articles;
using BriefingBot.Core.Storage;
using BriefingBot.TestKit;

namespace BriefingBot.Tests.Storage;

/// <summary>What every article store must do; run on SQLite and on PostgreSQL.</summary>
public abstract class ArticleStoreContract
{
    protected abstract IArticleStore Store { get; }

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

    [Fact]
    public async Task ItReturnsVectorsSentencesAndArticlesAsStored()
    {
        var id = await Store.AddAsync(new NewArticle(
            new ArticleDraft("Harbour plan approved", "A plan passed. Work starts soon.", "Gazette", "https://news.test/a", DateTimeOffset.Parse("2026-11-25T09:00:00Z")),
            "h-vectors",
            ["A plan passed.", "Work starts soon."],
            [[0.6f, 0.8f, 0f], [0f, 0f, 1f]],
            SimHash: 12345));

        var article = await Store.GetAsync(id);
        Assert.Equal(("Harbour plan approved", "Gazette", "https://news.test/a"), (article!.Title, article.Source, article.Url));
        Assert.Equal(DateTimeOffset.Parse("2026-11-25T09:00:00Z"), article.Published);
        Assert.Equal(["A plan passed.", "Work starts soon."], (await Store.GetSentencesAsync(id)).Select(s => s.Text));
        var vectors = await Store.GetSentenceVectorsAsync(id);
        Assert.Equal(new[] { 0.6f, 0.8f, 0f }, vectors![0]);
        Assert.Equal(id, await Store.FindByHashAsync("h-vectors"));
        Assert.Equal(id, await Store.FindNearDuplicateAsync(12345 ^ 0b101, DateTimeOffset.UtcNow.AddDays(-1), 3));
        Assert.Null(await Store.FindNearDuplicateAsync(~12345L, DateTimeOffset.UtcNow.AddDays(-1), 3));
        Assert.Single(await Store.ListIngestedBetweenAsync(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5), 10));
        Assert.Empty(await Store.ListIngestedBetweenAsync(DateTimeOffset.UtcNow.AddDays(-3), DateTimeOffset.UtcNow.AddDays(-2), 10));
    }

    [Fact]
    public async Task ItKeepsOtherOutletsAsAlternateSourcesOnce()
    {
        var id = await Store.AddAsync(Article("h-alt", "Same story told twice."));
        var wire = new AlternateSource("Wire", "https://wire.test/1", "Same story", null, "https://wire.test/rss#1");

        await Store.AddAlternateSourceAsync(id, wire);
        await Store.AddAlternateSourceAsync(id, wire);

        var alternates = await Store.GetAlternateSourcesAsync([id, id + 1000]);
        Assert.Equal([wire], Assert.Single(alternates).Value);
    }

    [Fact]
    public async Task ItRanksTheBetterMatchingArticleFirst()
    {
        var weak = await Store.AddAsync(Article("h-weak", "The council met on Monday."));
        var strong = await Store.AddAsync(new NewArticle(new ArticleDraft("Council budget vote", "The council approved the budget. The budget grows.", "Test", null, null), "h-strong", ["The council approved the budget.", "The budget grows."], [null, null]));

        var hits = await Store.SearchArticlesAsync(["budget", "council"], 10);

        Assert.Equal([strong, weak], hits.Select(h => h.ArticleId));
    }
}

public sealed class SqliteArticleStoreTests : ArticleStoreContract, IDisposable
{
    private readonly TestServices _services = TestServices.Create();

    protected override IArticleStore Store => _services.Get<IArticleStore>();

    public void Dispose() => _services.Dispose();
}

public sealed class PostgresArticleStoreTests : ArticleStoreContract, IAsyncLifetime
{
    private PostgresServices _postgres = null!;

    protected override IArticleStore Store => _postgres.Services.Get<IArticleStore>();

    public async Task InitializeAsync() => _postgres = await PostgresServices.CreateAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync().AsTask();
}
