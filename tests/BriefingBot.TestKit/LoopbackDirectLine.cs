using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BriefingBot.TestKit;

/// <summary>
/// The Direct Line 3.0 service on 127.0.0.1 (REST with polling, as Web Chat uses it without web sockets), for a
/// real Web Chat page in a browser: it serves the page and Web Chat's bundle, starts conversations, forwards the
/// user's activities to the bot's /api/messages with itself as the service URL, and collects the bot's replies as
/// the Bot Connector does.
/// </summary>
public sealed class LoopbackDirectLine : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, List<JObject>> _conversations = new();
    private readonly HttpClient _bot;
    private readonly string _webChatDirectory;
    private WebApplication? _app;
    private string _baseUrl = string.Empty;

    private LoopbackDirectLine(Uri botEndpoint, string webChatDirectory)
    {
        _bot = new HttpClient { BaseAddress = botEndpoint, Timeout = TimeSpan.FromSeconds(60) };
        _webChatDirectory = webChatDirectory;
    }

    /// <summary>The Web Chat page.</summary>
    public string PageUrl => _baseUrl + "/";

    /// <param name="botBaseUrl">The bot's base address; activities go to its /api/messages.</param>
    /// <param name="webChatDirectory">tests/webchat: index.html and node_modules/botframework-webchat.</param>
    public static async Task<LoopbackDirectLine> StartAsync(Uri botBaseUrl, string webChatDirectory)
    {
        var directLine = new LoopbackDirectLine(new Uri(botBaseUrl, "/api/messages"), webChatDirectory);
        var (app, baseUrl) = await LoopbackServer.StartAsync(directLine.Map);
        directLine._app = app;
        directLine._baseUrl = baseUrl.TrimEnd('/');
        return directLine;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/", () => Results.File(Path.Combine(_webChatDirectory, "index.html"), "text/html; charset=utf-8"));
        app.MapGet("/webchat.js", () => Results.File(Path.Combine(_webChatDirectory, "node_modules", "botframework-webchat", "dist", "webchat.js"), "text/javascript"));

        app.MapPost("/v3/directline/conversations", () =>
        {
            var id = Guid.NewGuid().ToString("N");
            _conversations[id] = [];
            return Results.Json(new { conversationId = id, token = "loopback-token", expires_in = 3600 }, statusCode: 201);
        });
        app.MapPost("/v3/directline/tokens/refresh", () => Results.Json(new { token = "loopback-token", expires_in = 3600 }));
        app.MapGet("/v3/directline/conversations/{id}/activities", (string id, string? watermark) =>
        {
            if (!_conversations.TryGetValue(id, out var activities))
            {
                return Results.NotFound();
            }

            var from = int.TryParse(watermark, out var w) ? w : 0;
            lock (activities)
            {
                var page = new JObject
                {
                    ["activities"] = new JArray(activities.Skip(from)),
                    ["watermark"] = activities.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
                return Results.Text(page.ToString(Formatting.None), "application/json");
            }
        });
        app.MapPost("/v3/directline/conversations/{id}/activities", async (HttpContext http, string id) =>
        {
            if (!_conversations.ContainsKey(id))
            {
                return Results.NotFound();
            }

            var activity = await ReadAsync(http);
            var stored = Append(id, activity);

            // The Direct Line service hands the user's activity to the bot as the "webchat" channel.
            var toBot = (JObject)stored.DeepClone();
            toBot["serviceUrl"] = _baseUrl;
            toBot["channelId"] = "webchat";
            toBot["recipient"] = new JObject { ["id"] = "briefingbot", ["name"] = "BriefingBot", ["role"] = "bot" };
            using var content = new StringContent(toBot.ToString(Formatting.None), Encoding.UTF8, "application/json");
            using var response = await _bot.PostAsync((Uri?)null, content);
            return response.IsSuccessStatusCode ? Results.Json(new { id = stored.Value<string>("id") }) : Results.StatusCode(502);
        });

        // The Bot Connector side: the bot's replies.
        app.MapPost("/v3/conversations/{id}/activities/{**replyTo}", async (HttpContext http, string id) =>
            Results.Json(new { id = Append(id, await ReadAsync(http)).Value<string>("id") }));
        app.MapPost("/v3/conversations/{id}/activities", async (HttpContext http, string id) =>
            Results.Json(new { id = Append(id, await ReadAsync(http)).Value<string>("id") }));
    }

    private static async Task<JObject> ReadAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        return JObject.Parse(await reader.ReadToEndAsync());
    }

    private JObject Append(string conversationId, JObject activity)
    {
        var activities = _conversations.GetOrAdd(conversationId, _ => []);
        lock (activities)
        {
            activity["id"] = $"{conversationId}|{activities.Count:D7}";
            activity["conversation"] = new JObject { ["id"] = conversationId };
            activity["channelId"] = "directline";
            activity["timestamp"] ??= DateTimeOffset.UtcNow.ToString("O");
            activities.Add(activity);
        }

        return activity;
    }

    public async ValueTask DisposeAsync()
    {
        _bot.Dispose();
        await LoopbackServer.StopAsync(_app);
    }
}
