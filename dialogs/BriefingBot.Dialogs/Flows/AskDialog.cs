using BriefingBot.Core.Answering;
using BriefingBot.Core.Articles;
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
        // The answer service reads follow-ups against the memory and records what this answer was about.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Answer answer;
        using (Core.BriefingTelemetry.Source.StartActivity("answer"))
        {
            answer = await answers.AnswerAsync(new Question(argument, context.Memory), cancellationToken).ConfigureAwait(false);
        }

        Core.BriefingTelemetry.AnswerDuration.Record(
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("outcome", answer.Citations.Count > 0 ? "answered" : "abstained"));
        var renderer = renderers.For(context.Turn.Activity.ChannelId);
        await context.Turn.SendActivityAsync(renderer.RenderAnswer(answer), cancellationToken).ConfigureAwait(false);
        return DialogStatus.Complete;
    }
}
