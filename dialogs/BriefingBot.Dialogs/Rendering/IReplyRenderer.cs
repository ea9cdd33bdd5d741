using BriefingBot.Core.Articles;
using BriefingBot.Core.Briefings;
using Microsoft.Bot.Schema;

namespace BriefingBot.Dialogs.Rendering;

/// <summary>Turns typed results into the reply a channel shows.</summary>
public interface IReplyRenderer
{
    IActivity RenderAnswer(Answer answer);

    IActivity RenderSummary(Article article, Summary summary);

    /// <param name="scheduled">Set when the briefing is a subscription's delivery: it gets a heading and ways to stop.</param>
    /// <returns>One message, or several when the channel's size limit needs the briefing split.</returns>
    IReadOnlyList<IActivity> RenderBriefing(Briefing briefing, ScheduledBriefing? scheduled = null);
}

/// <summary>A subscription's delivery: which subscription, and its schedule in words.</summary>
public sealed record ScheduledBriefing(long SubscriptionId, string Schedule);
