namespace BriefingBot.Dialogs.Stack;

/// <summary>One active dialog on the stack and the values it keeps between turns.</summary>
public sealed class DialogFrame
{
    public string DialogId { get; set; } = string.Empty;

    public Dictionary<string, string> Values { get; set; } = [];
}
