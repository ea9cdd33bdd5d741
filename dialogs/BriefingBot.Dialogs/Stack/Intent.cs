namespace BriefingBot.Dialogs.Stack;

/// <summary>The flow a message starts, and what the user said after the command word.</summary>
public sealed record Intent(string DialogId, string Argument);
