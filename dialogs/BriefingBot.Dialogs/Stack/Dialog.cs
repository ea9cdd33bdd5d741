namespace BriefingBot.Dialogs.Stack;

/// <summary>One conversation flow. Dialogs call ports (answering, summarizing), never an engine directly.</summary>
public abstract class Dialog
{
    /// <summary>Stable id, stored in conversation state while the dialog waits.</summary>
    public abstract string Id { get; }

    /// <summary>Starts the flow; <paramref name="argument"/> is what the user said after the command word.</summary>
    public abstract Task<DialogStatus> BeginAsync(DialogContext context, string argument, CancellationToken cancellationToken);

    /// <summary>Continues a waiting flow with the user's next message.</summary>
    public virtual Task<DialogStatus> ContinueAsync(DialogContext context, CancellationToken cancellationToken) =>
        Task.FromResult(DialogStatus.Complete);
}
