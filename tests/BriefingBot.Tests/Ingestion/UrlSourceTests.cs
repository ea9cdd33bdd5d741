using System.Text;
using BriefingBot.Core.Ingestion;
using BriefingBot.Core.Storage;
using BriefingBot.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BriefingBot.Tests.Ingestion;

/// <summary>Web pages and feeds by URL, from a loopback web server.</summary>
public sealed class UrlSourceTests : IAsyncLifetime
{
    private const string Page = """
        <!DOCTYPE html><html><head><title>Port city opens flood barrier | Coast Post</title>
        <meta property="og:site_name" content="Coast Post">
        <meta property="article:published_time" content="2026-11-20T08:30:00Z">
        </head><body>
        <nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
        <article><h1>Port city opens flood barrier</h1>
        <p>A new flood barrier opened in the port city on Monday after six years of construction, the regional government said in a statement.</p>
        <p>Engineers said the barrier will protect 40,000 homes from storm surges that have flooded the old town three times in the past decade.</p>
        <p>The project cost 1.2 billion euros and was paid for by the regional government with help from the national flood fund.</p>
        <p>Residents gathered on the harbour wall to watch the gates close for the first time during a test on Monday afternoon.</p>
        </article>
        <aside><h3>Most read</h3><ul><li>Celebrity chef opens bakery</li><li>Ten best beaches</li></ul></aside>
        </body></html>
        """;

    private const string Feed = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Wire Service</title><link>https://wire.test/</link><description>News</description>
        <item><title>Rail strike ends after pay deal</title><link>https://wire.test/rail?utm_source=rss</link><pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate>
        <description>&lt;p&gt;Train drivers ended a week-long strike on Friday after accepting a pay offer of 6 percent.&lt;/p&gt;&lt;p&gt;Commuters faced cancelled services across the north during the dispute.&lt;/p&gt;</description></item>
        <item><title>Library opens in city centre</title><link>https://wire.test/library</link><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>
        <description>A new public library opened in the city centre with space for forty thousand books and a children's theatre.</description></item>
        </channel></rss>
        """;

    private readonly TestServices _services = TestServices.Create(new Dictionary<string, string?>
    {
        ["Ingestion:MaxResponseBytes"] = "65536",
        // Long enough for a cold first request on a busy CI machine; the stalled endpoint outlasts it.
        ["Ingestion:FetchTimeout"] = "00:00:05",
    });

    private Microsoft.AspNetCore.Builder.WebApplication? _web;
    private string _base = string.Empty;

    public async Task InitializeAsync()
    {
        (_web, _base) = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/story.html", () => Results.Content(Page, "text/html; charset=utf-8"));
            app.MapGet("/feed.xml", () => Results.Content(Feed, "application/rss+xml"));
            app.MapGet("/teasers.xml", (HttpContext http) => Results.Content(
                $"""
                <?xml version="1.0"?><rss version="2.0"><channel><title>Coast Post</title>
                <item><title>Port city opens flood barrier</title><link>http://{http.Request.Host}/story.html</link><description>A barrier opened. Read more.</description></item>
                <item><title>Harbour festival postponed</title><link>http://{http.Request.Host}/missing</link><description>The festival moves to June.</description></item>
                </channel></rss>
                """,
                "application/rss+xml"));
            app.MapGet("/broken.xml", () => Results.Content("<rss><channel><item><title>Unclosed", "application/rss+xml"));
            app.MapGet("/binary", () => Results.Bytes(new byte[] { 0, 1, 2, 3 }, "application/octet-stream"));
            app.MapGet("/huge.html", () => Results.Content("<html><body>" + new string('x', 100_000) + "</body></html>", "text/html"));
            app.MapGet("/slow.html", async (HttpContext http) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted);
                return Results.Content(Page, "text/html");
            });
        });
    }

    public async Task DisposeAsync()
    {
        _services.Dispose();
        await LoopbackServer.StopAsync(_web);
    }

    [Fact]
    public async Task ItStoresAPagesMainTextWithItsMetadata()
    {
        var report = await _services.Get<IngestionPipeline>().IngestAsync([$"{_base}/story.html?utm_source=newsletter&id=7"]);

        Assert.True(report.Failed.Count == 0, string.Join("; ", report.Failed));
        var article = await _services.Get<IArticleStore>().GetAsync(Assert.Single(report.AddedIds));
        Assert.NotNull(article);
        Assert.Contains("flood barrier", article.Title, StringComparison.Ordinal);
        Assert.Equal("Coast Post", article.Source);
        Assert.Equal($"{_base}/story.html?id=7", article.Url);
        Assert.Contains("protect 40,000 homes", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Celebrity chef", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItStoresEachFeedItemAsAnArticle()
    {
        var report = await _services.Get<IngestionPipeline>().IngestAsync([$"{_base}/feed.xml"]);

        Assert.True(report.Added == 2, string.Join("; ", report.Failed));
        var rail = await _services.Get<IArticleStore>().GetAsync(report.AddedIds[0]);
        Assert.Equal(("Rail strike ends after pay deal", "Wire Service", "https://wire.test/rail"), (rail!.Title, rail.Source, rail.Url));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), rail.Published);
        Assert.Contains("pay offer of 6 percent", rail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", rail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItReportsEachBadUrlAndStoresNothingForIt()
    {
        var report = await _services.Get<IngestionPipeline>().IngestAsync(
            [$"{_base}/missing", $"{_base}/binary", $"{_base}/huge.html", $"{_base}/broken.xml", $"{_base}/slow.html", $"{_base}/feed.xml"]);

        Assert.Equal(2, report.Added);
        Assert.Equal(2, await _services.Get<IArticleStore>().CountAsync());
        var errors = report.Failed.ToDictionary(f => f.Source[_base.Length..], f => f.Error);
        Assert.Equal("HTTP 404 Not Found", errors["/missing"]);
        Assert.Equal("unsupported content type application/octet-stream (expected a web page or a feed)", errors["/binary"]);
        Assert.StartsWith("response is", errors["/huge.html"], StringComparison.Ordinal);
        Assert.Contains("over the 0.1 MiB limit", errors["/huge.html"], StringComparison.Ordinal);
        Assert.StartsWith("not a readable feed", errors["/broken.xml"], StringComparison.Ordinal);
        Assert.Equal("no response within 5 s (Ingestion:FetchTimeout)", errors["/slow.html"]);
    }

    [Fact]
    public async Task ATeaserItemGetsTheFullTextOfItsPageWhenConfigured()
    {
        await using var services = TestServices.Create(new Dictionary<string, string?> { ["Ingestion:FetchFullPageBelowChars"] = "200" });

        var report = await services.Get<IngestionPipeline>().IngestAsync([$"{_base}/teasers.xml"]);

        Assert.Equal(2, report.Added);
        var store = services.Get<IArticleStore>();
        var barrier = await store.GetAsync(report.AddedIds[0]);
        var festival = await store.GetAsync(report.AddedIds[1]);
        Assert.Equal(("Port city opens flood barrier", "Coast Post"), (barrier!.Title, barrier.Source));
        Assert.Contains("protect 40,000 homes", barrier.Body, StringComparison.Ordinal);
        Assert.Equal("The festival moves to June.", festival!.Body);
    }
}
