using BriefingBot.Core.Storage;
using BriefingBot.Dialogs.Stack;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BriefingBot.Dialogs.Flows;

/// <summary>Explains what the bot can do and how many articles it knows.</summary>
public sealed class HelpDialog(IArticleStore store) : Dialog
{
    public const string DialogId = "help";

    public override string Id => DialogId;

    public static string Text(int articles) =>
        $"I'm BriefingBot. I have {articles} article{(articles == 1 ? string.Empty : "s")} to draw on. You can:\n" +
        "- **ask a question** about the news, e.g. *Which countries joined the NATO meeting?*\n" +
        "- **summarize** an article: *summarize the NATO article*, *summarize the last article*\n" +
        "- get a **briefing**: *what's new today*, *briefing on defense and Asia*, *what's new this week*\n" +
        "- **subscribe** to a daily briefing: *subscribe me to a daily briefing at 7:30 on defense*, *subscribe this channel at 9:00 weekdays only*; " +
        "then *my subscriptions*, *change my briefing to 8:00*, *pause*, *resume*, *unsubscribe*, *send my briefing now*\n" +
        "- see the news **sources**: *list sources*; admins: *add feed https://…*, *remove source 3*, *import opml*, *export opml*\n" +
        "- say **help** at any time, or **cancel** to stop what we're doing.";

    public override async Task<DialogStatus> BeginAsync(DialogContext context, string argument, CancellationToken cancellationToken)
    {
        var count = await store.CountAsync(cancellationToken).ConfigureAwait(false);
        var reply = MessageFactory.Text(Text(count));
        reply.TextFormat = TextFormatTypes.Markdown;
        await context.Turn.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
        return DialogStatus.Complete;
    }
}
