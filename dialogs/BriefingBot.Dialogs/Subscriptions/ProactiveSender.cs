using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;

namespace BriefingBot.Dialogs.Subscriptions;

/// <summary>Sends a message into a conversation the bot is not currently in a turn of.</summary>
public interface IProactiveSender
{
    /// <exception cref="ProactiveSendException">The channel refused or could not be reached.</exception>
    Task SendAsync(ConversationReference reference, IReadOnlyList<IActivity> activities, CancellationToken cancellationToken);
}

/// <summary>A proactive send that failed, with what the channel answered.</summary>
public sealed class ProactiveSendException(string message, HttpStatusCode? status, TimeSpan? retryAfter, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>The bot was removed or the conversation is gone: retrying cannot help.</summary>
    public bool ConversationGone => Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone;

    /// <summary>Throttled, a server error, or no answer: worth another attempt after a pause.</summary>
    public bool IsTransient => Status is null or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError;
}

/// <summary>
/// Proactive messages through a Bot Builder adapter's <c>ContinueConversationAsync</c> (the CloudAdapter for Azure
/// Bot Service channels and the Emulator), as the bot's app id when one is configured.
/// </summary>
public sealed class AdapterProactiveSender(BotAdapter adapter, IConfiguration configuration) : IProactiveSender
{
    public async Task SendAsync(ConversationReference reference, IReadOnlyList<IActivity> activities, CancellationToken cancellationToken)
    {
        var appId = configuration["Bot:MicrosoftAppId"] ?? string.Empty;
        try
        {
            // The send's failure is caught inside the turn: left to escape, the adapter's turn-error handler would
            // swallow it and post an apology into the conversation instead.
            Exception? failure = null;
            await adapter.ContinueConversationAsync(
                appId,
                reference,
                async (turn, ct) =>
                {
                    // A briefing is a new message, not a reply to the synthetic continuation event.
                    turn.OnSendActivities(async (_, activities, next) =>
                    {
                        activities.ForEach(a => a.ReplyToId = null);
                        return await next().ConfigureAwait(false);
                    });
                    try
                    {
                        await turn.SendActivitiesAsync([.. activities], ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        failure = ex;
                    }
                },
                cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }
        }
        catch (ErrorResponseException ex)
        {
            var response = ex.Response;
            TimeSpan? retryAfter = null;
            if (response?.Headers is { } headers && headers.TryGetValue("Retry-After", out var values)
                && int.TryParse(values.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            {
                retryAfter = TimeSpan.FromSeconds(seconds);
            }

            throw new ProactiveSendException($"The channel answered {(int?)response?.StatusCode} {response?.ReasonPhrase}", response?.StatusCode, retryAfter, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ProactiveSendException($"The channel could not be reached: {ex.Message}", ex.StatusCode, null, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProactiveSendException("The channel did not answer in time.", null, null, ex);
        }
    }
}
