using BriefingBot.Core.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace BriefingBot.Slack;

/// <summary>
/// POST /api/slack/events (Events API) and POST /api/slack/commands (the /briefing slash command), both verified
/// with Slack's request signature; 404 while Slack:SigningSecret is not set.
/// </summary>
internal static class SlackEndpoints
{
    public static IEndpointRouteBuilder MapSlackApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/slack/events", HandleEventAsync);
        app.MapPost("/api/slack/commands", HandleCommandAsync);
        return app;
    }

    private static async Task<IResult> HandleEventAsync(HttpContext http, IOptions<SlackOptions> options, SlackEventQueue queue, IDocumentStore documents, TimeProvider time, ILogger<SlackAdapter> logger)
    {
        var (body, refusal) = await ReadVerifiedAsync(http, options.Value, time, logger).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        JObject envelope;
        try
        {
            envelope = JObject.Parse(System.Text.Encoding.UTF8.GetString(body));
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return Results.BadRequest(new { error = "The body is not a JSON object." });
        }

        switch (envelope.Value<string>("type"))
        {
            case "url_verification":
                return Results.Json(new { challenge = envelope.Value<string>("challenge") });
            case "event_callback":
                var eventId = envelope.Value<string>("event_id");
                if (string.IsNullOrEmpty(eventId))
                {
                    return Results.BadRequest(new { error = "event_callback without event_id." });
                }

                // Slack resends an event it thinks was not acknowledged (X-Slack-Retry-Num); answer each event once,
                // across instances too.
                if (!await documents.TryAddAsync($"slack-event/{eventId}", "{}", http.RequestAborted).ConfigureAwait(false))
                {
                    logger.LogInformation("Slack event {EventId} already handled (retry {Retry})", eventId, http.Request.Headers["X-Slack-Retry-Num"].ToString());
                    return Results.Ok();
                }

                if (SlackEvents.FromEventCallback(envelope, options.Value.ApiBaseUrl) is { } activity && !queue.TryEnqueue(activity))
                {
                    await documents.DeleteAsync([$"slack-event/{eventId}"], http.RequestAborted).ConfigureAwait(false);
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }

                return Results.Ok();
            default:
                return Results.Ok();
        }
    }

    private static async Task<IResult> HandleCommandAsync(HttpContext http, IOptions<SlackOptions> options, SlackEventQueue queue, TimeProvider time, ILogger<SlackAdapter> logger)
    {
        var (body, refusal) = await ReadVerifiedAsync(http, options.Value, time, logger).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        if (!form.ContainsKey("channel_id") || !form.ContainsKey("user_id"))
        {
            return Results.BadRequest(new { error = "Not a slash command payload." });
        }

        if (!queue.TryEnqueue(SlackEvents.FromSlashCommand(form, options.Value.ApiBaseUrl)))
        {
            return Results.Json(new { response_type = "ephemeral", text = "I'm busy right now; please try again in a minute." });
        }

        // An empty 200 acknowledges the command; the answer follows through response_url.
        return Results.Ok();
    }

    /// <summary>The raw body when the request is within the size limit and correctly signed; otherwise the refusal.</summary>
    private static async Task<(byte[] Body, IResult? Refusal)> ReadVerifiedAsync(HttpContext http, SlackOptions options, TimeProvider time, ILogger logger)
    {
        if (!options.Enabled)
        {
            return ([], Results.NotFound());
        }

        if (http.Request.ContentLength > options.MaxRequestBytes)
        {
            return ([], Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > options.MaxRequestBytes)
            {
                return ([], Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
            }
        }

        var body = buffer.ToArray();
        var problem = SlackSignature.Verify(
            options.SigningSecret,
            http.Request.Headers["X-Slack-Request-Timestamp"].ToString(),
            http.Request.Headers["X-Slack-Signature"].ToString(),
            body,
            time.GetUtcNow(),
            options.SignatureWindow);
        if (problem is not null)
        {
            logger.LogWarning("Refused a Slack request: {Problem}", problem);
            return ([], Results.Unauthorized());
        }

        return (body, null);
    }
}
