using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BriefingBot.TestKit;

/// <summary>
/// A Bot Connector service on 127.0.0.1: it accepts the bot's replies (POST /v3/conversations/{id}/activities[/{replyTo}])
/// as the real service does, records them, and answers with a resource id.
/// </summary>
public sealed class LoopbackConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedActivity> _received = Channel.CreateUnbounded<ReceivedActivity>();

    private LoopbackConnector(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The service URL to put in incoming activities.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>Status code to answer with, by the 1-based index of the request; 200 when absent.</summary>
    public Func<int, int> StatusFor { get; set; } = _ => 200;

    public static async Task<LoopbackConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new LoopbackConnector(app);
        var count = 0;
        app.MapPost("/v3/conversations/{conversationId}/activities/{**replyTo}", async (HttpContext http, string conversationId, string? replyTo) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var status = connector.StatusFor(Interlocked.Increment(ref count));
            if (status == 200)
            {
                connector._received.Writer.TryWrite(new ReceivedActivity(conversationId, replyTo, JObject.Parse(body), http.Request.Headers.Authorization.ToString()));
            }

            http.Response.StatusCode = status;
            await http.Response.WriteAsync(JsonConvert.SerializeObject(new { id = Guid.NewGuid().ToString("N") }));
        });
        app.MapPost("/v3/conversations/{conversationId}/activities", async (HttpContext http, string conversationId) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            connector._received.Writer.TryWrite(new ReceivedActivity(conversationId, null, JObject.Parse(body), http.Request.Headers.Authorization.ToString()));
            await http.Response.WriteAsync(JsonConvert.SerializeObject(new { id = Guid.NewGuid().ToString("N") }));
        });
        await app.StartAsync();
        connector.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return connector;
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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>An activity the bot sent to the connector.</summary>
public sealed record ReceivedActivity(string ConversationId, string? ReplyToPath, JObject Activity, string Authorization)
{
    public string? Text => Activity.Value<string>("text");

    public string? ReplyToId => Activity.Value<string>("replyToId");
}
