using BriefingBot.Core.Answering;
using BriefingBot.Dialogs.Rendering;
using BriefingBot.Dialogs.Stack;

namespace BriefingBot.Dialogs.Flows;

/// <summary>Answers a question with citations and remembers what it was about for follow-ups.</summary>
public sealed class AskDialog(IAnswerService answers, ReplyRendererSelector renderers) : Dialog
{
    public const string DialogId = "ask";

    public override string Id => DialogId;

    public override async Task<DialogStatus> BeginAsync(DialogContext context, string argument, CancellationToken cancellationToken)
    {
        var answer = await answers.AnswerAsync(new Question(argument, context.Memory), cancellationToken).ConfigureAwait(false);
        context.Memory.LastQuestion = argument;
        if (answer.Citations.Count > 0)
        {
            context.Memory.LastArticleId = answer.Citations[0].ArticleId;
        }

        var renderer = renderers.For(context.Turn.Activity.ChannelId);
        await context.Turn.SendActivityAsync(renderer.RenderAnswer(answer), cancellationToken).ConfigureAwait(false);
        return DialogStatus.Complete;
    }
}
