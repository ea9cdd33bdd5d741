namespace BriefingBot.Dialogs.Stack;

/// <summary>The dialogs waiting for the user's next message, innermost last; persisted in conversation state.</summary>
public sealed class DialogStackState
{
    public List<DialogFrame> Frames { get; set; } = [];
}
