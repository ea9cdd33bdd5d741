using BriefingBot.Core.Articles;
using BriefingBot.Core.Briefings;
using Microsoft.Bot.Schema;

namespace BriefingBot.Dialogs.Rendering;

/// <summary>Turns typed results into the reply a channel shows.</summary>
public interface IReplyRenderer
{
    IActivity RenderAnswer(Answer answer);

    IActivity RenderSummary(Article article, Summary summary);

    IActivity RenderBriefing(Briefing briefing);
}
