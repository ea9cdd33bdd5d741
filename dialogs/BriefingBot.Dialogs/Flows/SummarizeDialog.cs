using System.Text.RegularExpressions;
using BriefingBot.Core.Articles;
using BriefingBot.Core.Search;
using BriefingBot.Core.Storage;
using BriefingBot.Core.Summaries;
using BriefingBot.Dialogs.Rendering;
using BriefingBot.Dialogs.Stack;
using Microsoft.Bot.Builder;

namespace BriefingBot.Dialogs.Flows;

/// <summary>"summarize the NATO article": finds the article meant, summarizes it; asks which one when unclear.</summary>
public sealed partial class SummarizeDialog(
    ArticleFinder finder,
    IArticleStore store,
    ISummaryService summaries,
    ReplyRendererSelector renderers) : InterruptibleDialog
{
    public const string DialogId = "summarize";

    public override string Id => DialogId;

    protected override string HelpText => "Tell me which article to summarize: a few words of its title or topic, or \"the last article\".";

    [GeneratedRegex(@"^(?:the\s+)?(?:last|latest|newest|most recent)(?:\s+(?:article|story|one))?$", RegexOptions.IgnoreCase)]
    private static partial Regex LatestPattern();

    [GeneratedRegex(@"^(?:it|that|this|that one|this one|that article|this article|the article|that story)$", RegexOptions.IgnoreCase)]
    private static partial Regex PreviousPattern();

    public override async Task<DialogStatus> BeginAsync(DialogContext context, string argument, CancellationToken cancellationToken)
    {
        if (argument.Length == 0)
        {
            await context.Turn.SendActivityAsync("Which article should I summarize? Give me a few words of its title or topic, or say \"the last article\".", cancellationToken: cancellationToken).ConfigureAwait(false);
            return DialogStatus.Waiting;
        }

        return await SummarizeAsync(context, argument, cancellationToken).ConfigureAwait(false);
    }

    protected override Task<DialogStatus> OnContinueAsync(DialogContext context, CancellationToken cancellationToken) =>
        SummarizeAsync(context, context.Text, cancellationToken);

    private async Task<DialogStatus> SummarizeAsync(DialogContext context, string reference, CancellationToken cancellationToken)
    {
        var article = await FindAsync(context, reference.Trim().TrimEnd('.', '?', '!'), cancellationToken).ConfigureAwait(false);
        if (article is null)
        {
            await context.Turn.SendActivityAsync($"I couldn't find an article about \"{reference}\". Try other words from its title, or say \"cancel\".", cancellationToken: cancellationToken).ConfigureAwait(false);
            return DialogStatus.Waiting;
        }

        var sentences = await store.GetSentencesAsync(article.Id, cancellationToken).ConfigureAwait(false);
        var vectors = await store.GetSentenceVectorsAsync(article.Id, cancellationToken).ConfigureAwait(false);
        var summary = await summaries.SummarizeAsync(article, sentences.Select(s => s.Text).ToList(), vectors, cancellationToken).ConfigureAwait(false);
        context.Memory.LastArticleId = article.Id;
        var renderer = renderers.For(context.Turn.Activity.ChannelId);
        await context.Turn.SendActivityAsync(renderer.RenderSummary(article, summary), cancellationToken).ConfigureAwait(false);
        return DialogStatus.Complete;
    }

    private async Task<Article?> FindAsync(DialogContext context, string reference, CancellationToken cancellationToken)
    {
        if (LatestPattern().IsMatch(reference))
        {
            return await finder.LatestAsync(cancellationToken).ConfigureAwait(false);
        }

        if (PreviousPattern().IsMatch(reference) && context.Memory.LastArticleId is { } last)
        {
            return await store.GetAsync(last, cancellationToken).ConfigureAwait(false);
        }

        return await finder.FindAsync(reference, cancellationToken).ConfigureAwait(false);
    }
}
