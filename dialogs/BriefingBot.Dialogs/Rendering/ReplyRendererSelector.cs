namespace BriefingBot.Dialogs.Rendering;

/// <summary>Chooses the renderer for a channel: Adaptive Cards for Teams, Markdown elsewhere.</summary>
public sealed class ReplyRendererSelector(MarkdownRenderer markdown, TeamsCardRenderer teams)
{
    public IReplyRenderer For(string? channelId) => channelId == Microsoft.Bot.Connector.Channels.Msteams ? teams : markdown;
}
