using System.Globalization;
using System.Text;
using BriefingBot.Core.Articles;
using BriefingBot.Core.Briefings;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BriefingBot.Dialogs.Rendering;

/// <summary>Markdown replies for the Emulator, Web Chat and the terminal: the text, then numbered sources.</summary>
public sealed class MarkdownRenderer : IReplyRenderer
{
    public IActivity RenderAnswer(Answer answer)
    {
        var text = new StringBuilder(answer.Text);
        AppendSources(text, answer.Citations, quote: true);
        var reply = Markdown(text.ToString());
        reply.SuggestedActions = answer.Citations.Count > 0
            ? Suggest("Summarize that article", "What's new today")
            : Suggest("What's new today", "Help");
        return reply;
    }

    public IActivity RenderSummary(Article article, Summary summary)
    {
        var text = new StringBuilder();
        text.Append("**").Append(article.Title).Append("**\n\n");
        text.Append("**TL;DR:** ").Append(summary.Tldr).Append('\n');
        if (summary.KeyPoints.Count > 0)
        {
            text.Append('\n');
            foreach (var point in summary.KeyPoints)
            {
                text.Append("- ").Append(point).Append('\n');
            }
        }

        AppendSources(text, [Citation.Of(article, summary.Tldr)], quote: false);
        return Markdown(text.ToString());
    }

    public IReadOnlyList<IActivity> RenderBriefing(Briefing briefing, ScheduledBriefing? scheduled = null) =>
        [RenderBriefingMessage(briefing, scheduled)];

    /// <summary>The whole briefing as one Markdown message, with "this week" suggested.</summary>
    public IActivity RenderBriefingMessage(Briefing briefing, ScheduledBriefing? scheduled = null)
    {
        var reply = Markdown(scheduled is null ? BriefingText(briefing) : $"{ScheduledHeading(scheduled)}\n\n{BriefingText(briefing)}\n\n{ScheduledFooter(scheduled)}");
        reply.SuggestedActions = Suggest("What's new this week");
        return reply;
    }

    /// <summary>"Your briefing (every day at 07:30 (Europe/Berlin))".</summary>
    public static string ScheduledHeading(ScheduledBriefing scheduled) => $"☀️ **Your briefing** — {scheduled.Schedule}";

    public static string ScheduledFooter(ScheduledBriefing scheduled) =>
        $"_Say \"pause\" or \"unsubscribe {scheduled.SubscriptionId.ToString(CultureInfo.InvariantCulture)}\" to stop these briefings._";

    /// <summary>The briefing as Markdown: a heading, then per story its headline, one line and its sources.</summary>
    public static string BriefingText(Briefing briefing)
    {
        var request = briefing.Request;
        var topics = request.Topics.Count == 0 ? string.Empty : " on " + string.Join(", ", request.Topics);
        var period = $"since {request.Since.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)} UTC";
        if (briefing.IsQuiet)
        {
            return $"Quiet day: no new stories{topics} {period}.";
        }

        var text = new StringBuilder();
        text.Append("**Briefing").Append(topics).Append("** — ").Append(briefing.Items.Count).Append(briefing.Items.Count == 1 ? " story " : " stories ").Append(period).Append("\n\n");
        var number = 1;
        foreach (var item in briefing.Items)
        {
            text.Append(number++.ToString(CultureInfo.InvariantCulture)).Append(". **").Append(item.Headline).Append("**\n   ").Append(item.Summary).Append('\n');
            text.Append("   Source").Append(item.Sources.Count > 1 ? "s" : string.Empty).Append(": ")
                .Append(string.Join("; ", item.Sources.Select(SourceLink))).Append('\n');
        }

        return text.ToString();
    }

    private static string SourceLink(Citation citation)
    {
        var name = citation.Source ?? citation.Title;
        var date = citation.Published?.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        var label = date is null ? name : $"{name}, {date}";
        return string.IsNullOrEmpty(citation.Url) ? label : $"[{label}]({citation.Url})";
    }

    /// <summary>"Title — Source, 18 Oct 2024 — link": how every citation is named.</summary>
    public static string Describe(Citation citation)
    {
        var parts = new List<string> { citation.Title };
        var origin = string.Join(", ", new[] { citation.Source, citation.Published?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) }.Where(p => !string.IsNullOrEmpty(p)));
        if (origin.Length > 0)
        {
            parts.Add(origin);
        }

        if (!string.IsNullOrEmpty(citation.Url))
        {
            parts.Add(citation.Url);
        }

        return string.Join(" — ", parts);
    }

    private static void AppendSources(StringBuilder text, IReadOnlyList<Citation> citations, bool quote)
    {
        if (citations.Count == 0)
        {
            return;
        }

        text.Append("\n\n**Source").Append(citations.Count > 1 ? "s" : string.Empty).Append(":**\n");
        var number = 1;
        foreach (var citation in citations)
        {
            text.Append(number++.ToString(CultureInfo.InvariantCulture)).Append(". ").Append(Describe(citation)).Append('\n');
            if (quote)
            {
                text.Append("   > ").Append(citation.Sentence).Append('\n');
            }
        }
    }

    /// <summary>Buttons under the reply in the Emulator and Web Chat; a tap sends the text back as a message.</summary>
    private static SuggestedActions Suggest(params string[] texts) =>
        new() { Actions = texts.Select(t => new CardAction(ActionTypes.ImBack, t, value: t)).ToList() };

    private static Activity Markdown(string text)
    {
        var activity = (Activity)MessageFactory.Text(text.TrimEnd());
        activity.TextFormat = TextFormatTypes.Markdown;
        return activity;
    }
}
