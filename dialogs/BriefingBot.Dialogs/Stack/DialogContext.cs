using BriefingBot.Core.Answering;
using Microsoft.Bot.Builder;

namespace BriefingBot.Dialogs.Stack;

/// <summary>What a dialog sees on one turn: the turn, the stack, the conversation's memory and the user's text.</summary>
public sealed class DialogContext(ITurnContext turn, DialogStackState stack, ConversationMemory memory, string text)
{
    public ITurnContext Turn { get; } = turn;

    public DialogStackState Stack { get; } = stack;

    public ConversationMemory Memory { get; } = memory;

    /// <summary>The user's message with mentions of the bot removed and whitespace trimmed.</summary>
    public string Text { get; } = text;

    /// <summary>The frame of the dialog currently running (set by the dialog manager).</summary>
    public DialogFrame? Frame { get; internal set; }
}
