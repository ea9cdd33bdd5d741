using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BriefingBot.TestKit;

/// <summary>
/// A Bot Connector service on 127.0.0.1: it accepts the bot's replies (POST /v3/conversations/{id}/activities[/{replyTo}])
/// as the real service does, records them, and answers with a resource id.
/// </summary>
public sealed class LoopbackConnector : IAsyncDisposable
{
    private readonly Channel<ReceivedActivity> _received = Channel.CreateUnbounded<ReceivedActivity>();
    private WebApplication? _app;
    private Func<int> _nextMessage = () => 0;

    /// <summary>The service URL to put in incoming activities.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>Status code to answer with, by the 1-based index of the request; 200 when absent.</summary>
    public Func<int, int> StatusFor { get; set; } = _ => 200;

    /// <summary>Status code for message activities only, by the 1-based index among them (typing is not counted).</summary>
    public Func<int, int> StatusForMessage { get; set; } = _ => 200;

    public static async Task<LoopbackConnector> StartAsync()
    {
        var connector = new LoopbackConnector();
        var count = 0;
        var messages = 0;
        connector._nextMessage = () => Interlocked.Increment(ref messages);
        var (app, baseUrl) = await LoopbackServer.StartAsync(web => connector.Map(web, () => Interlocked.Increment(ref count)));
        connector._app = app;
        connector.ServiceUrl = baseUrl;
        return connector;
    }

    private void Map(WebApplication app, Func<int> nextRequest)
    {
        // Replies (…/activities/{replyTo}) and proactive messages (…/activities) alike.
        app.MapPost("/v3/conversations/{conversationId}/activities/{**replyTo}", (HttpContext http, string conversationId, string? replyTo) =>
            ReceiveAsync(http, conversationId, string.IsNullOrEmpty(replyTo) ? null : replyTo, nextRequest));
        app.MapPost("/v3/conversations/{conversationId}/activities", (HttpContext http, string conversationId) =>
            ReceiveAsync(http, conversationId, null, nextRequest));
    }

    private async Task ReceiveAsync(HttpContext http, string conversationId, string? replyTo, Func<int> nextRequest)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var activity = JObject.Parse(body);
        var status = StatusFor(nextRequest());
        if (status == 200 && activity.Value<string>("type") == "message")
        {
            status = StatusForMessage(_nextMessage());
        }

        if (status == 200)
        {
            _received.Writer.TryWrite(new ReceivedActivity(conversationId, replyTo, activity, http.Request.Headers.Authorization.ToString()));
        }

        http.Response.StatusCode = status;
        await http.Response.WriteAsync(JsonConvert.SerializeObject(new { id = Guid.NewGuid().ToString("N") }));
    }

    /// <summary>The next activity of type message the bot sent, or an exception after <paramref name="timeout"/>.</summary>
    public async Task<ReceivedActivity> NextMessageAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var received = await _received.Reader.ReadAsync(cancellation.Token);
            if (received.Activity.Value<string>("type") == "message")
            {
                return received;
            }
        }
    }

    /// <summary>Every activity received so far that has not been read.</summary>
    public IReadOnlyList<ReceivedActivity> Drain()
    {
        var list = new List<ReceivedActivity>();
        while (_received.Reader.TryRead(out var item))
        {
            list.Add(item);
        }

        return list;
    }

    public ValueTask DisposeAsync() => LoopbackServer.StopAsync(_app);
}

/// <summary>An activity the bot sent to the connector.</summary>
public sealed record ReceivedActivity(string ConversationId, string? ReplyToPath, JObject Activity, string Authorization)
{
    public string? Text => Activity.Value<string>("text");

    public string? ReplyToId => Activity.Value<string>("replyToId");
}
