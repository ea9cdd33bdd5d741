using System.Globalization;
using System.Text;
using BriefingBot.Core.Articles;
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
        return Markdown(text.ToString());
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

    private static IActivity Markdown(string text)
    {
        var activity = MessageFactory.Text(text.TrimEnd());
        activity.TextFormat = TextFormatTypes.Markdown;
        return activity;
    }
}
