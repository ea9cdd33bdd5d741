using System.Collections.Concurrent;
using BriefingBot.Core.Briefings;
using BriefingBot.Core.Feeds;
using BriefingBot.Core.Storage;
using BriefingBot.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BriefingBot.Tests.Feeds;

/// <summary>Polling real HTTP feeds on a loopback server, on a fake clock.</summary>
public sealed class FeedPollingTests : IAsyncLifetime
{
    private const string Story =
        "The harbour authority of Port Amsel approved a plan on Tuesday to build a second container terminal on the " +
        "northern breakwater. The project will cost 240 million euros and create about 900 jobs, the authority said. " +
        "Construction is due to start next spring and the first ships could dock in 2029. Local fishermen, who use " +
        "the northern quay, asked for a new berth to be included in the plan before the council votes on it in March.";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-26T08:00:00Z"));
    private readonly ConcurrentQueue<(string Path, string? IfNoneMatch)> _requests = new();
    private TestServices _services = null!;
    private Microsoft.AspNetCore.Builder.WebApplication? _server;
    private string _base = string.Empty;

    public async Task InitializeAsync()
    {
        _services = TestServices.Create(
            new Dictionary<string, string?>
            {
                ["Ingestion:PollInterval"] = "00:15:00",
                ["Ingestion:MaxPollFailures"] = "3",
                ["Ingestion:FetchTimeout"] = "00:00:05",
            },
            s => s.AddSingleton<TimeProvider>(_time));
        (_server, _base) = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/{name}", (HttpContext http, string name) =>
            {
                var etag = http.Request.Headers.IfNoneMatch.ToString();
                _requests.Enqueue((name, etag.Length == 0 ? null : etag));
                switch (name)
                {
                    case "harbour.xml":
                        if (etag == "\"v1\"")
                        {
                            return Results.StatusCode(304);
                        }

                        http.Response.Headers.ETag = "\"v1\"";
                        return Results.Text(Rss("Harbour Gazette", ("Second terminal approved for Port Amsel", Story), ("Ferry timetable changes", "The winter ferry timetable starts on Monday with two fewer crossings a day.")), "application/rss+xml");
                    case "wire.xml":
                        return Results.Text(Rss("Coastal Wire", ("Port Amsel to get second container terminal", Story + " The authority's chair called it a generational investment.")), "application/rss+xml");
                    default:
                        return Results.StatusCode(500);
                }
            });
        });
        _base = _base.TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        await LoopbackServer.StopAsync(_server);
        await _services.DisposeAsync();
    }

    private static string Rss(string title, params (string Title, string Text)[] items) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>{title}</title><link>https://news.test/</link><description>test feed</description>
        {string.Concat(items.Select((item, i) => $"<item><title>{item.Title}</title><link>https://news.test/{title.Replace(' ', '-')}/{i}</link><description>{item.Text}</description><pubDate>Wed, 25 Nov 2026 09:00:00 GMT</pubDate></item>"))}
        </channel></rss>
        """;

    private FeedPoller Poller => _services.Get<FeedPoller>();

    private ISourceStore Sources => _services.Get<ISourceStore>();

    [Fact]
    public async Task ASecondPollSendsTheETagAndAddsNothingOn304()
    {
        var (source, _) = await Sources.AddAsync($"{_base}/harbour.xml", null, TimeSpan.FromMinutes(15), _time.GetUtcNow());

        Assert.Equal(2, await Poller.RunDueAsync(CancellationToken.None));
        Assert.Equal(0, await Poller.RunDueAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(17));
        Assert.Equal(0, await Poller.RunDueAsync(CancellationToken.None));

        Assert.Equal([null, "\"v1\""], _requests.Select(r => r.IfNoneMatch));
        var polled = await Sources.GetAsync(source.Id);
        Assert.Equal("\"v1\"", polled!.ETag);
        Assert.Equal(2, polled.ArticlesAdded);
        Assert.Equal("Harbour Gazette", polled.Title);
        Assert.Equal(2, await _services.Get<IArticleStore>().CountAsync());
    }

    [Fact]
    public async Task AFailingSourceBacksOffAndIsDisabledWithTheReason()
    {
        var (source, _) = await Sources.AddAsync($"{_base}/broken.xml", null, TimeSpan.FromMinutes(10), _time.GetUtcNow());

        await Poller.RunDueAsync(CancellationToken.None);
        var afterFirst = await Sources.GetAsync(source.Id);
        _time.Advance(TimeSpan.FromMinutes(5));
        await Poller.RunDueAsync(CancellationToken.None);
        Assert.Single(_requests);

        _time.Advance(TimeSpan.FromMinutes(7));
        await Poller.RunDueAsync(CancellationToken.None);
        var afterSecond = await Sources.GetAsync(source.Id);
        _time.Advance(TimeSpan.FromMinutes(23));
        await Poller.RunDueAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));
        await Poller.RunDueAsync(CancellationToken.None);

        Assert.Equal(1, afterFirst!.ConsecutiveFailures);
        Assert.InRange(afterFirst.NextPoll!.Value - afterFirst.LastPolled!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(11));
        Assert.InRange(afterSecond!.NextPoll!.Value - afterSecond.LastPolled!.Value, TimeSpan.FromMinutes(18), TimeSpan.FromMinutes(22));
        var disabled = await Sources.GetAsync(source.Id);
        Assert.Equal(SourceStatus.Disabled, disabled!.Status);
        Assert.Equal("Disabled after 3 failed polls in a row; last: HTTP 500 Internal Server Error", disabled.LastError);
        Assert.Equal(3, _requests.Count);
    }

    [Fact]
    public async Task TheSameStoryFromTwoFeedsIsOneStoryWithBothOutletsAsSources()
    {
        await Sources.AddAsync($"{_base}/harbour.xml", null, TimeSpan.FromMinutes(15), _time.GetUtcNow());
        await Sources.AddAsync($"{_base}/wire.xml", null, TimeSpan.FromMinutes(15), _time.GetUtcNow());

        Assert.Equal(2, await Poller.RunDueAsync(CancellationToken.None));

        var store = _services.Get<IArticleStore>();
        Assert.Equal(2, await store.CountAsync());
        var briefing = await _services.Get<IBriefingComposer>().ComposeAsync(new BriefingRequest(_time.GetUtcNow().AddDays(-1), _time.GetUtcNow(), []));
        var terminal = Assert.Single(briefing.Items, i => i.Headline.Contains("terminal", StringComparison.Ordinal));
        Assert.Equal(["Harbour Gazette", "Coastal Wire"], terminal.Sources.Select(s => s.Source));
    }
}

public sealed class OpmlTests
{
    [Fact]
    public void ItReadsNestedOutlinesAndWritesThemBack()
    {
        const string xml = """
            <?xml version="1.0"?>
            <opml version="2.0"><head><title>mine</title></head><body>
              <outline text="News"><outline text="Wire" type="rss" xmlUrl="https://wire.test/rss"/>
                <outline title="Gazette" xmlUrl="http://gazette.test/feed.xml"/></outline>
              <outline text="not a feed" xmlUrl="ftp://files.test/x"/>
              <outline text="Wire again" xmlUrl="https://wire.test/rss"/>
            </body></opml>
            """;

        var outlines = Opml.Parse(xml);

        Assert.Equal([new Opml.Outline("https://wire.test/rss", "Wire"), new Opml.Outline("http://gazette.test/feed.xml", "Gazette")], outlines);
        var written = Opml.Write(outlines.Select((o, i) => new NewsSource { Id = i + 1, Url = o.Url, Title = o.Title }), DateTimeOffset.UnixEpoch);
        Assert.Equal(outlines, Opml.Parse(written));
    }

    [Theory]
    [InlineData("<html><body>not opml</body></html>")]
    [InlineData("\u0000\u0001 binary")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><opml><body><outline xmlUrl=\"https://a.test/&x;\"/></body></opml>")]
    public void ItRefusesWhatIsNotOpml(string text) => Assert.Throws<FormatException>(() => Opml.Parse(text));
}
