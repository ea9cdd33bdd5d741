namespace BriefingBot.Dialogs.Rendering;

/// <summary>Chooses the renderer for a channel. Every channel gets Markdown until its own renderer exists.</summary>
public sealed class ReplyRendererSelector(MarkdownRenderer markdown)
{
    public IReplyRenderer For(string? channelId) => markdown;
}
