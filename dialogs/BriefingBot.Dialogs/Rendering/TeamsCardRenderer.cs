using System.Globalization;
using BriefingBot.Core.Articles;
using BriefingBot.Core.Briefings;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace BriefingBot.Dialogs.Rendering;

/// <summary>
/// Microsoft Teams replies as Adaptive Cards (schema 1.5), built as JSON: the answer, its sources as links and
/// quoted sentences, and follow-up buttons (Action.Submit with { "text": … }, which the bot reads as a message).
/// The Markdown text stays in the activity for notifications and clients without cards.
/// </summary>
public sealed class TeamsCardRenderer(MarkdownRenderer markdown) : IReplyRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Teams refuses bot messages of about 28 KB of text or 80 KB in all; a card stays well below.</summary>
    public const int MaxCardBytes = 40_000;

    public IActivity RenderAnswer(Answer answer)
    {
        var body = new JArray { Text(answer.Text, wrap: true, weight: "Bolder") };
        foreach (var citation in answer.Citations)
        {
            body.Add(Text(Describe(citation), isSubtle: true, size: "Small"));
            body.Add(Text($"“{citation.Sentence}”", isSubtle: true, size: "Small"));
        }

        var actions = new JArray();
        foreach (var url in answer.Citations.Select(c => c.Url).Where(u => !string.IsNullOrEmpty(u)).Distinct().Take(3))
        {
            actions.Add(new JObject { ["type"] = "Action.OpenUrl", ["title"] = "Open source", ["url"] = url });
        }

        if (answer.Citations.Count > 0)
        {
            actions.Add(Submit("Summarize this story", "summarize that article"));
        }

        return Card(markdown.RenderAnswer(answer), body, actions);
    }

    public IActivity RenderSummary(Article article, Summary summary)
    {
        var body = new JArray { Text(article.Title, weight: "Bolder", size: "Medium"), Text(summary.Tldr) };
        foreach (var point in summary.KeyPoints)
        {
            body.Add(Text("• " + point));
        }

        body.Add(Text(Describe(Citation.Of(article, summary.Tldr)), isSubtle: true, size: "Small"));
        var actions = new JArray();
        if (!string.IsNullOrEmpty(article.Url))
        {
            actions.Add(new JObject { ["type"] = "Action.OpenUrl", ["title"] = "Read the article", ["url"] = article.Url });
        }

        return Card(markdown.RenderSummary(article, summary), body, actions);
    }

    public IReadOnlyList<IActivity> RenderBriefing(Briefing briefing, ScheduledBriefing? scheduled = null)
    {
        var text = MarkdownRenderer.BriefingText(briefing);
        var title = text.Split('\n')[0].Replace("**", string.Empty, StringComparison.Ordinal);
        var first = new JArray();
        if (scheduled is not null)
        {
            first.Add(Text(MarkdownRenderer.ScheduledHeading(scheduled).Replace("**", string.Empty, StringComparison.Ordinal), weight: "Bolder", size: "Large"));
        }

        var actions = new JArray();
        if (!briefing.IsQuiet)
        {
            actions.Add(Submit("This week's briefing", "what's new this week"));
        }

        if (scheduled is not null)
        {
            var id = scheduled.SubscriptionId.ToString(CultureInfo.InvariantCulture);
            actions.Add(Submit("Pause", "pause " + id));
            actions.Add(Submit("Unsubscribe", "unsubscribe " + id));
        }

        var fallback = markdown.RenderBriefingMessage(briefing, scheduled);
        if (briefing.IsQuiet)
        {
            first.Add(Text(text));
            return [Card(fallback, first, actions)];
        }

        first.Add(Text(title, weight: "Bolder", size: "Medium"));

        // Stories go into cards in order; a card that would pass the size limit is closed and the next begins.
        var headerBlocks = first.Count;
        var bodies = new List<JArray> { first };
        foreach (var item in briefing.Items)
        {
            var links = string.Join(" · ", item.Sources.Select(s => string.IsNullOrEmpty(s.Url) ? s.Source ?? s.Title : $"[{s.Source ?? s.Title}]({s.Url})"));
            JObject[] blocks = [Text(item.Headline, weight: "Bolder", separator: true), Text(item.Summary), Text(links, isSubtle: true, size: "Small")];
            var current = bodies[^1];
            if (current.Count > (bodies.Count == 1 ? headerBlocks : 0) && Bytes(current) + blocks.Sum(Bytes) > MaxCardBytes - CardOverheadBytes)
            {
                current = [];
                bodies.Add(current);
            }

            foreach (var block in blocks)
            {
                current.Add(block);
            }
        }

        if (bodies.Count == 1)
        {
            return [Card(fallback, bodies[0], actions)];
        }

        var messages = new List<IActivity>();
        for (var i = 0; i < bodies.Count; i++)
        {
            var part = (Activity)MessageFactory.Text($"{title} (part {i + 1} of {bodies.Count})");
            messages.Add(Card(part, bodies[i], i == bodies.Count - 1 ? actions : []));
        }

        return messages;
    }

    /// <summary>Room kept for the card's envelope and actions when filling a card with stories.</summary>
    private const int CardOverheadBytes = 2_000;

    private static int Bytes(JToken token) => System.Text.Encoding.UTF8.GetByteCount(token.ToString(Newtonsoft.Json.Formatting.None));

    private static IActivity Card(IActivity fallback, JArray body, JArray actions)
    {
        var card = new JObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }

        // A card over the limit loses its last blocks; the full text is still in the activity's Markdown.
        while (body.Count > 1 && System.Text.Encoding.UTF8.GetByteCount(card.ToString(Newtonsoft.Json.Formatting.None)) > MaxCardBytes)
        {
            body.RemoveAt(body.Count - 1);
        }

        var activity = (Activity)fallback;
        activity.SuggestedActions = null;
        activity.Attachments = [new Attachment { ContentType = ContentType, Content = card }];
        return activity;
    }

    private static JObject Text(string text, bool wrap = true, string? weight = null, string? size = null, bool isSubtle = false, bool separator = false)
    {
        var block = new JObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = wrap };
        if (separator)
        {
            block["separator"] = true;
        }

        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (size is not null)
        {
            block["size"] = size;
        }

        if (isSubtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }

    private static JObject Submit(string title, string text) =>
        new() { ["type"] = "Action.Submit", ["title"] = title, ["data"] = new JObject { ["text"] = text } };

    private static string Describe(Citation citation)
    {
        var date = citation.Published?.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        var origin = string.Join(", ", new[] { citation.Source, date }.Where(p => !string.IsNullOrEmpty(p)));
        var title = string.IsNullOrEmpty(citation.Url) ? citation.Title : $"[{citation.Title}]({citation.Url})";
        return origin.Length == 0 ? title : $"{title} — {origin}";
    }
}
