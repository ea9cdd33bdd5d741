using Microsoft.Bot.Builder;

namespace BriefingBot.Dialogs.Stack;

/// <summary>
/// Base for dialogs that wait for input: "cancel" ends the flow and "help" explains it, before the dialog
/// sees the message.
/// </summary>
public abstract class InterruptibleDialog : Dialog
{
    public sealed override async Task<DialogStatus> ContinueAsync(DialogContext context, CancellationToken cancellationToken)
    {
        switch (context.Text.Trim().ToLowerInvariant())
        {
            case "cancel" or "stop" or "never mind" or "nevermind" or "quit":
                await context.Turn.SendActivityAsync("OK, cancelled.", cancellationToken: cancellationToken).ConfigureAwait(false);
                return DialogStatus.Complete;
            case "help" or "?":
                await context.Turn.SendActivityAsync(HelpText + " Say \"cancel\" to stop.", cancellationToken: cancellationToken).ConfigureAwait(false);
                return DialogStatus.Waiting;
            default:
                return await OnContinueAsync(context, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What this dialog is waiting for, shown when the user asks for help mid-flow.</summary>
    protected abstract string HelpText { get; }

    protected abstract Task<DialogStatus> OnContinueAsync(DialogContext context, CancellationToken cancellationToken);
}
