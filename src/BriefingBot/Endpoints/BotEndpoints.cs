using BriefingBot.Bot;
using BriefingBot.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace BriefingBot.Endpoints;

internal static class BotEndpoints
{
    /// <summary>POST /api/messages: Bot Framework activities from the Emulator and Azure Bot Service channels.</summary>
    public static IEndpointRouteBuilder MapBotApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", HandleAsync);
        return app;
    }

    private static async Task HandleAsync(HttpContext http, BriefingAdapter adapter, IBot bot, IConfiguration configuration, IOptions<ApiOptions> options, ConversationRateLimiter rateLimiter, ILogger<BriefingAdapter> logger)
    {
        var limit = options.Value.MaxRequestBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        if (http.Request.ContentLength > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        // The adapter answers 500 on a body that is not JSON; check it first so bad input gets 400.
        http.Request.EnableBuffering();
        try
        {
            using var reader = new StreamReader(http.Request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
            if (JToken.Parse(body) is not JObject activity)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            if (activity.Value<string>("type") == "message"
                && activity["conversation"]?["id"]?.ToString() is { Length: > 0 } conversation
                && !rateLimiter.TryAcquire($"{activity.Value<string>("channelId")}/{conversation}"))
            {
                logger.LogWarning("Conversation {ConversationId} is sending faster than Api:ConversationMessagesPerMinute; refused with 429", conversation);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = ((int)rateLimiter.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return;
            }
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        http.Request.Body.Position = 0;
        try
        {
            await adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (!http.Response.HasStarted && AuthenticationExpected(http, configuration))
        {
            // Token validation could not complete (for example the OpenID metadata is unreachable): fail closed.
            logger.LogWarning(ex, "Refused an activity: its credentials could not be validated ({Reason})", ex.GetBaseException().Message);
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
    }

    private static bool AuthenticationExpected(HttpContext http, IConfiguration configuration) =>
        http.Request.Headers.Authorization.Count > 0 || !string.IsNullOrEmpty(configuration["Bot:MicrosoftAppId"]);
}
