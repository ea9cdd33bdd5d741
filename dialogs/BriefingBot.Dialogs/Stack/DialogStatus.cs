namespace BriefingBot.Dialogs.Stack;

/// <summary>Whether a dialog finished on this turn or waits for the user's next message.</summary>
public enum DialogStatus
{
    Complete,
    Waiting,
}
