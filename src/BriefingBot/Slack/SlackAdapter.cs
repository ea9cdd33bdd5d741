using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace BriefingBot.Slack;

/// <summary>
/// A Bot Builder adapter for Slack's Events API: a Slack event becomes a message activity (channel "slack", the
/// conversation is the Slack channel), so the same bot and dialogs run; replies go out through chat.postMessage as
/// Block Kit, in the thread of a channel mention, or to a slash command's response_url. Proactive briefings
/// (ContinueConversationAsync) post to the channel itself.
/// </summary>
internal sealed class SlackAdapter : BotAdapter
{
    public const string ChannelId = "slack";

    private readonly SlackApiClient _api;
    private readonly ILogger<SlackAdapter> _logger;

    public SlackAdapter(SlackApiClient api, ILogger<SlackAdapter> logger)
    {
        _api = api;
        _logger = logger;
    }

    /// <summary>Runs one incoming Slack activity through the bot; failures are logged and the user told.</summary>
    public async Task ProcessAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        using var context = new TurnContext(this, activity);
        try
        {
            await RunPipelineAsync(context, callback, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Slack turn failed in {Channel}", activity.Conversation?.Id);
            try
            {
                await context.SendActivityAsync("Sorry, something went wrong on my side. Please try again.", cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception inner) when (inner is not OperationCanceledException)
            {
                _logger.LogWarning(inner, "Could not report the failure in Slack");
            }
        }
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        var incoming = turnContext.Activity.ChannelData as JObject;
        var responseUrl = incoming?.Value<string>("response_url");
        var proactive = turnContext.Activity.Type == ActivityTypes.Event;
        var threadTs = proactive ? null : incoming?.Value<string>("thread_ts");
        var responses = new List<ResourceResponse>();
        foreach (var activity in activities)
        {
            if (activity.Type != ActivityTypes.Message || (string.IsNullOrWhiteSpace(activity.Text) && activity.Attachments is not { Count: > 0 }))
            {
                // Typing indicators and traces have no Slack equivalent for bots.
                responses.Add(new ResourceResponse(string.Empty));
                continue;
            }

            foreach (var message in SlackMessageFormatter.Format(activity.Text ?? string.Empty))
            {
                if (responseUrl is not null && Uri.TryCreate(responseUrl, UriKind.Absolute, out var url))
                {
                    await _api.PostToResponseUrlAsync(url, message.Text, message.Blocks, cancellationToken).ConfigureAwait(false);
                    responses.Add(new ResourceResponse(string.Empty));
                }
                else
                {
                    var ts = await _api.PostMessageAsync(activity.Conversation.Id, message.Text, message.Blocks, threadTs, cancellationToken).ConfigureAwait(false);
                    responses.Add(new ResourceResponse(ts));
                }
            }
        }

        return [.. responses];
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The bot does not edit Slack messages.");

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The bot does not delete Slack messages.");
}
