using System.Net;
using System.Net.Http.Json;
using System.Text;
using BriefingBot.TestKit;
using Microsoft.AspNetCore.Builder;
using Newtonsoft.Json.Linq;

namespace BriefingBot.IntegrationTests;

/// <summary>/api/admin on the real host: the key, source management, OPML, ingest by URL, articles.</summary>
public sealed class AdminApiTests : IAsyncLifetime
{
    private const string Key = "test-admin-key-0123456789";
    private RunningHost _host = null!;
    private Microsoft.AspNetCore.Builder.WebApplication? _pages;
    private string _pagesBase = string.Empty;

    public async Task InitializeAsync()
    {
        _host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["Admin:ApiKey"] = Key,
            ["Ingestion:PollingEnabled"] = "false",
            ["Briefings:SchedulerEnabled"] = "false",
        });
        (_pages, _pagesBase) = await LoopbackServer.StartAsync(app => app.MapGet("/feed.xml", () => Microsoft.AspNetCore.Http.Results.Text(
            """<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title><item><title>Lighthouse reopens after repairs</title><description>The old lighthouse at Kettle Point reopened to visitors on Saturday after two years of repairs to its lamp room and stairs.</description></item></channel></rss>""",
            "application/rss+xml")));
    }

    public async Task DisposeAsync()
    {
        await LoopbackServer.StopAsync(_pages);
        await _host.DisposeAsync();
    }

    private HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null, string? key = Key)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }

    [Fact]
    public async Task WithoutTheRightKeyEveryCallIs401()
    {
        var none = await _host.Client.SendAsync(Request(HttpMethod.Get, "/api/admin/sources", key: null));
        var wrong = await _host.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/sources", JsonContent.Create(new { url = "https://a.test/rss" }), key: "guess"));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var list = await _host.Client.SendAsync(Request(HttpMethod.Get, "/api/admin/sources"));
        Assert.Equal("[]", await list.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithoutAConfiguredKeyTheApiIsOff()
    {
        await using var plain = await RunningHost.StartAsync();

        var response = await plain.Client.SendAsync(Request(HttpMethod.Get, "/api/admin/sources"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnAdminAddsListsExportsImportsAndRemovesSources()
    {
        var created = await _host.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/sources", JsonContent.Create(new { url = "https://wire.test/rss", title = "Wire", intervalMinutes = 30 })));
        var again = await _host.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/sources", JsonContent.Create(new { url = "https://wire.test/rss" })));
        var bad = await _host.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/sources", JsonContent.Create(new { url = "file:///etc/passwd" })));
        var imported = await _host.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/opml", new StringContent(
            """<opml version="2.0"><body><outline text="Gazette" xmlUrl="https://gazette.test/feed"/><outline text="Wire" xmlUrl="https://wire.test/rss"/></body></opml>""", Encoding.UTF8, "text/x-opml")));
        var garbage = await _host.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/opml", new StringContent("\u0001\u0002 not xml", Encoding.UTF8, "text/plain")));
        var exported = await (await _host.Client.SendAsync(Request(HttpMethod.Get, "/api/admin/opml"))).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JObject.Parse(await created.Content.ReadAsStringAsync()).Value<long>("id");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("""{"found":2,"added":1,"known":1}""", await imported.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Contains("xmlUrl=\"https://gazette.test/feed\"", exported, StringComparison.Ordinal);
        Assert.Contains("title=\"Wire\"", exported, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await _host.Client.SendAsync(Request(HttpMethod.Delete, $"/api/admin/sources/{id}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.SendAsync(Request(HttpMethod.Delete, $"/api/admin/sources/{id}"))).StatusCode);
        var remaining = JArray.Parse(await (await _host.Client.SendAsync(Request(HttpMethod.Get, "/api/admin/sources"))).Content.ReadAsStringAsync());
        Assert.Equal(["https://gazette.test/feed"], remaining.Select(s => s.Value<string>("url")));
    }

    [Fact]
    public async Task AnAdminIngestsAFeedByUrlAndSeesItInTheArticles()
    {
        var response = await _host.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/ingest", JsonContent.Create(new { urls = new[] { _pagesBase.TrimEnd('/') + "/feed.xml" } })));
        var articles = JArray.Parse(await (await _host.Client.SendAsync(Request(HttpMethod.Get, "/api/admin/articles?limit=5"))).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, JObject.Parse(await response.Content.ReadAsStringAsync()).Value<int>("added"));
        Assert.Contains(articles, a => a.Value<string>("title") == "Lighthouse reopens after repairs" && a.Value<string>("source") == "Test Wire");
    }

    [Fact]
    public async Task AnOversizedAdminRequestIs413()
    {
        var big = new StringContent(new string('x', 2 * 1024 * 1024), Encoding.UTF8, "text/x-opml");

        var response = await _host.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/opml", big));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
