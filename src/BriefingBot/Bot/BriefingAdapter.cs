using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Logging;

namespace BriefingBot.Bot;

/// <summary>
/// Bot Builder's CloudAdapter with the error handling every turn needs: log, tell the user, and clear the
/// conversation's state so a broken dialog cannot trap the user. Typing indicators show while a turn runs.
/// </summary>
internal sealed class BriefingAdapter : CloudAdapter
{
    public BriefingAdapter(BotFrameworkAuthentication authentication, ConversationState conversationState, ILogger<BriefingAdapter> logger)
        : base(authentication, logger)
    {
        Use(new ShowTypingMiddleware());
        OnTurnError = async (turnContext, exception) =>
        {
            logger.LogError(exception, "Turn failed in conversation {ConversationId}", turnContext.Activity.Conversation?.Id);
            try
            {
                await turnContext.SendActivityAsync("Sorry, something went wrong on my side. Please try again.").ConfigureAwait(false);
                await conversationState.DeleteAsync(turnContext).ConfigureAwait(false);
            }
            catch (Exception inner)
            {
                // The channel may be the thing that failed; the original error is already logged.
                logger.LogWarning(inner, "Could not report the failure to the user");
            }
        };
    }
}
