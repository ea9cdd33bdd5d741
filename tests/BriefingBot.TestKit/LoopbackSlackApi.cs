using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace BriefingBot.TestKit;

/// <summary>
/// Slack's Web API on 127.0.0.1, as far as the bot uses it: <c>chat.postMessage</c> (bearer token, JSON body,
/// <c>{"ok":true,"ts":…}</c>) and slash-command <c>response_url</c>s. It records what it receives, and can hold
/// answers behind a gate, answer 429 with Retry-After, or refuse with a Slack error.
/// </summary>
public sealed class LoopbackSlackApi : IAsyncDisposable
{
    private readonly ConcurrentQueue<SlackPost> _posts = new();
    private readonly System.Threading.Channels.Channel<SlackPost> _arrivals = System.Threading.Channels.Channel.CreateUnbounded<SlackPost>();
    private WebApplication? _app;
    private int _attempts;

    /// <summary>The Slack:ApiBaseUrl to configure.</summary>
    public string ApiBaseUrl { get; private set; } = string.Empty;

    public string ResponseUrl(string id) => ApiBaseUrl + "response/" + id;

    /// <summary>While set, chat.postMessage waits for it to complete before answering.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>How many of the first calls get 429 with Retry-After: 1.</summary>
    public int RateLimitFirst { get; set; }

    /// <summary>A Slack error ("channel_not_found", …) to answer with instead of ok.</summary>
    public string? Error { get; set; }

    /// <summary>Every call to chat.postMessage, rate-limited ones included.</summary>
    public int Attempts => _attempts;

    public IReadOnlyList<SlackPost> Posts => [.. _posts];

    public static async Task<LoopbackSlackApi> StartAsync()
    {
        var slack = new LoopbackSlackApi();
        var (app, baseUrl) = await LoopbackServer.StartAsync(slack.Map);
        slack._app = app;
        slack.ApiBaseUrl = baseUrl.TrimEnd('/') + "/api/";
        return slack;
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/api/chat.postMessage", async (HttpContext http) =>
        {
            var attempt = Interlocked.Increment(ref _attempts);
            if (attempt <= RateLimitFirst)
            {
                http.Response.StatusCode = 429;
                http.Response.Headers.RetryAfter = "1";
                return;
            }

            using var reader = new StreamReader(http.Request.Body);
            var body = JObject.Parse(await reader.ReadToEndAsync());
            if (Gate is { } gate)
            {
                await gate.Task;
            }

            if (Error is { } error)
            {
                await http.Response.WriteAsJsonAsync(new { ok = false, error });
                return;
            }

            Record(new SlackPost("chat.postMessage", body, http.Request.Headers.Authorization.ToString()));
            await http.Response.WriteAsJsonAsync(new { ok = true, channel = body.Value<string>("channel"), ts = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{attempt:D6}" });
        });
        app.MapPost("/api/response/{id}", async (HttpContext http, string id) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            Record(new SlackPost("response/" + id, JObject.Parse(await reader.ReadToEndAsync()), http.Request.Headers.Authorization.ToString()));
            await http.Response.WriteAsync("ok");
        });
    }

    private void Record(SlackPost post)
    {
        _posts.Enqueue(post);
        _arrivals.Writer.TryWrite(post);
    }

    /// <summary>Waits for the next recorded post, in arrival order.</summary>
    public async Task<SlackPost> NextPostAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await _arrivals.Reader.ReadAsync(cancellation.Token);
    }

    public ValueTask DisposeAsync() => LoopbackServer.StopAsync(_app);
}

/// <summary>A call the bot made to Slack.</summary>
public sealed record SlackPost(string Method, JObject Body, string Authorization)
{
    public string? Text => Body.Value<string>("text");

    public string? Channel => Body.Value<string>("channel");

    public string? ThreadTs => Body.Value<string>("thread_ts");

    /// <summary>The mrkdwn of every section block, joined.</summary>
    public string BlockText => string.Join("\n\n", (Body["blocks"] as JArray ?? []).Select(b => b["text"]?.Value<string>("text")));
}
