using BriefingBot.Core.Answering;
using BriefingBot.Core.Storage;
using BriefingBot.Dialogs.Flows;
using BriefingBot.Dialogs.Stack;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace BriefingBot.Dialogs;

/// <summary>
/// The bot: runs the dialog stack for each message, welcomes new members once, saves state, and keeps the
/// conversation reference so briefings can be sent proactively later.
/// </summary>
public sealed class BriefingActivityHandler(
    ConversationState conversationState,
    UserState userState,
    DialogManager dialogs,
    IArticleStore store,
    IDocumentStore documents,
    ILogger<BriefingActivityHandler> logger) : ActivityHandler
{
    private readonly IStatePropertyAccessor<DialogStackState> _stack = conversationState.CreateProperty<DialogStackState>("DialogStack");
    private readonly IStatePropertyAccessor<ConversationMemory> _memory = conversationState.CreateProperty<ConversationMemory>("Memory");
    private readonly IStatePropertyAccessor<List<string>> _welcomed = conversationState.CreateProperty<List<string>>("WelcomedMembers");

    /// <summary>The document-store key under which a conversation's reference is kept.</summary>
    public static string ReferenceKey(string channelId, string conversationId) => $"conversation-reference/{channelId}/{conversationId}";

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        using var span = Core.BriefingTelemetry.Source.StartActivity("turn");
        span?.SetTag("channel", turnContext.Activity.ChannelId);
        span?.SetTag("activity.type", turnContext.Activity.Type);
        Core.BriefingTelemetry.Turns.Add(1, new KeyValuePair<string, object?>("channel", turnContext.Activity.ChannelId), new KeyValuePair<string, object?>("type", turnContext.Activity.Type));
        await base.OnTurnAsync(turnContext, cancellationToken).ConfigureAwait(false);
        await conversationState.SaveChangesAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
        await userState.SaveChangesAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
        await RememberConversationAsync(turnContext.Activity, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var text = WithoutMentionsOfBot(activity).Trim();
        if (text.Length == 0 && activity.Value is not null)
        {
            // Card buttons (Action.Submit) send their data in Value: { "text": "..." }.
            text = Newtonsoft.Json.Linq.JToken.FromObject(activity.Value)["text"]?.ToString()?.Trim() ?? string.Empty;
        }

        if (text.Length == 0)
        {
            await turnContext.SendActivityAsync("Send me a question about the news, or say \"help\".", cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        var stack = await _stack.GetAsync(turnContext, () => new DialogStackState(), cancellationToken).ConfigureAwait(false);
        var memory = await _memory.GetAsync(turnContext, () => new ConversationMemory(), cancellationToken).ConfigureAwait(false);
        await dialogs.RunAsync(new DialogContext(turnContext, stack, memory, text), cancellationToken).ConfigureAwait(false);
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var welcomed = await _welcomed.GetAsync(turnContext, () => [], cancellationToken).ConfigureAwait(false);
        foreach (var member in membersAdded)
        {
            if (member.Id == turnContext.Activity.Recipient?.Id || welcomed.Contains(member.Id))
            {
                continue;
            }

            welcomed.Add(member.Id);
            var count = await store.CountAsync(cancellationToken).ConfigureAwait(false);
            var welcome = MessageFactory.Text("Welcome! " + HelpDialog.Text(count));
            welcome.TextFormat = TextFormatTypes.Markdown;
            await turnContext.SendActivityAsync(welcome, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The message text without "&lt;at&gt;BriefingBot&lt;/at&gt;" mentions of this bot (Teams, Slack). Written here rather
    /// than with RemoveRecipientMention, which throws on a mention entity that lacks "mentioned".
    /// </summary>
    private static string WithoutMentionsOfBot(IMessageActivity activity)
    {
        var text = activity.Text ?? string.Empty;
        foreach (var mention in activity.GetMentions())
        {
            if (mention.Mentioned?.Id is { } id && id == activity.Recipient?.Id && !string.IsNullOrEmpty(mention.Text))
            {
                text = text.Replace(mention.Text, string.Empty, StringComparison.OrdinalIgnoreCase);
            }
        }

        return text;
    }

    private async Task RememberConversationAsync(IActivity activity, CancellationToken cancellationToken)
    {
        if (activity.Conversation?.Id is not { } conversationId || activity.ChannelId is not { } channelId)
        {
            return;
        }

        try
        {
            var reference = activity.GetConversationReference();
            await documents.WriteAsync(ReferenceKey(channelId, conversationId), JsonConvert.SerializeObject(reference), null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reply has gone out; a missing reference only delays proactive briefings, so log and carry on.
            logger.LogWarning(ex, "Could not store the conversation reference for {ConversationId}", conversationId);
        }
    }
}
