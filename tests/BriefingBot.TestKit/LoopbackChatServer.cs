using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;

namespace BriefingBot.TestKit;

/// <summary>
/// An OpenAI-compatible chat-completions server on 127.0.0.1 (as Ollama's /v1 API is): it records each request
/// and answers with the content <see cref="Respond"/> makes from the request body, after <see cref="Delay"/>.
/// </summary>
public sealed class LoopbackChatServer : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The base address to configure as Ai:Endpoint.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    public ConcurrentQueue<string> Requests { get; } = new();

    public Func<string, string> Respond { get; set; } = _ => """{"answer": null, "citations": []}""";

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>A tool call (function name, JSON arguments) to answer the n-th request (1-based) with, instead of content.</summary>
    public Func<int, (string Function, string Arguments)?> ToolCall { get; set; } = _ => null;

    /// <summary>Status to answer the n-th request (1-based) with instead of a completion, with its Retry-After seconds.</summary>
    public Func<int, (int Status, int RetryAfterSeconds)?> Fail { get; set; } = _ => null;

    public static async Task<LoopbackChatServer> StartAsync()
    {
        var server = new LoopbackChatServer();
        var (app, baseUrl) = await LoopbackServer.StartAsync(web => web.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            server.Requests.Enqueue(body);
            if (server.Fail(server.Requests.Count) is { } failure)
            {
                http.Response.StatusCode = failure.Status;
                http.Response.Headers.RetryAfter = failure.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await http.Response.WriteAsync("""{"error":{"message":"slow down","type":"rate_limit"}}""");
                return;
            }

            if (server.Delay > TimeSpan.Zero)
            {
                await Task.Delay(server.Delay, http.RequestAborted);
            }

            http.Response.ContentType = "application/json";
            if (server.ToolCall(server.Requests.Count) is { } call)
            {
                await http.Response.WriteAsync(JsonConvert.SerializeObject(new
                {
                    id = "chatcmpl-loopback",
                    @object = "chat.completion",
                    created = 1_700_000_000,
                    model = "loopback-model",
                    choices = new[]
                    {
                        new
                        {
                            index = 0,
                            message = new
                            {
                                role = "assistant",
                                content = (string?)null,
                                tool_calls = new[] { new { id = "call_1", type = "function", function = new { name = call.Function, arguments = call.Arguments } } },
                            },
                            finish_reason = "tool_calls",
                        },
                    },
                    usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
                }));
                return;
            }

            var content = server.Respond(body);
            await http.Response.WriteAsync(JsonConvert.SerializeObject(new
            {
                id = "chatcmpl-loopback",
                @object = "chat.completion",
                created = 1_700_000_000,
                model = "loopback-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
            }));
        }));
        server._app = app;
        server.Endpoint = baseUrl + "/v1";
        return server;
    }

    public ValueTask DisposeAsync() => LoopbackServer.StopAsync(_app);
}
