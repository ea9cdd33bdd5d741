using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BriefingBot.Bot;

/// <summary>
/// A Bot Builder adapter for a terminal conversation: the user's lines become message activities on the
/// "console" channel and the bot's replies are written back as text. Same bot, same dialogs, same state.
/// </summary>
internal sealed class ConsoleAdapter(TextWriter output) : BotAdapter
{
    public const string ChannelId = "console";

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        var responses = new List<ResourceResponse>();
        foreach (var activity in activities)
        {
            if (activity.Type == ActivityTypes.Message && !string.IsNullOrEmpty(activity.Text))
            {
                await output.WriteLineAsync(activity.Text).ConfigureAwait(false);
                await output.WriteLineAsync().ConfigureAwait(false);
            }

            responses.Add(new ResourceResponse(activity.Id ?? Guid.NewGuid().ToString("N")));
        }

        return [.. responses];
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        Task.FromResult(new ResourceResponse(activity.Id));

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Runs one incoming activity through the middleware and the bot.</summary>
    public async Task ProcessAsync(Activity activity, IBot bot, CancellationToken cancellationToken)
    {
        using var context = new TurnContext(this, activity);
        await RunPipelineAsync(context, bot.OnTurnAsync, cancellationToken).ConfigureAwait(false);
    }
}
