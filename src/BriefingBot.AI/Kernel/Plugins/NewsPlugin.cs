using System.ComponentModel;
using System.Globalization;
using System.Text;
using BriefingBot.Core.Search;
using BriefingBot.Core.Storage;
using Microsoft.SemanticKernel;

namespace BriefingBot.AI.Kernel.Plugins;

/// <summary>The ingested news as tools the model may call: search, one article, recent headlines, sources.</summary>
internal sealed class NewsPlugin(HybridRetriever retriever, IArticleStore store)
{
    private const int MaxArticleCharacters = 6000;

    [KernelFunction("search_news"), Description("Searches the ingested news; returns the best-matching sentences with their article id, title and date.")]
    public async Task<string> SearchNewsAsync([Description("What to look for")] string query, CancellationToken cancellationToken = default)
    {
        var hits = await retriever.RetrieveAsync(query, 8, cancellationToken: cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder();
        foreach (var hit in hits)
        {
            text.Append("article ").Append(hit.Article.Id.ToString(CultureInfo.InvariantCulture)).Append(" | ").Append(PromptRunner.Data(hit.Article.Title))
                .Append(" | ").Append(hit.Article.Published?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "undated")
                .Append(" | ").Append(PromptRunner.Data(hit.Sentence.Text)).Append('\n');
        }

        return text.Length == 0 ? "No matching news." : text.ToString();
    }

    [KernelFunction("get_article"), Description("Gets one article's title, source, date and text by its id.")]
    public async Task<string> GetArticleAsync([Description("The article id")] long id, CancellationToken cancellationToken = default)
    {
        var article = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (article is null)
        {
            return $"No article with id {id}.";
        }

        var body = article.Body.Length > MaxArticleCharacters ? article.Body[..MaxArticleCharacters] + " …" : article.Body;
        return $"{PromptRunner.Data(article.Title)} | {article.Source} | {article.Published?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "undated"}\n{PromptRunner.Data(body)}";
    }

    [KernelFunction("recent_headlines"), Description("Lists the most recent headlines with their article ids.")]
    public async Task<string> RecentHeadlinesAsync([Description("How many headlines, at most 50")] int count = 10, CancellationToken cancellationToken = default)
    {
        var articles = await store.ListAsync(Math.Clamp(count, 1, 50), cancellationToken).ConfigureAwait(false);
        return string.Join('\n', articles.Select(a => $"article {a.Id} | {PromptRunner.Data(a.Title)} | {a.Source}"));
    }

    [KernelFunction("list_sources"), Description("Lists the sources of the most recent articles.")]
    public async Task<string> ListSourcesAsync(CancellationToken cancellationToken = default)
    {
        var articles = await store.ListAsync(500, cancellationToken).ConfigureAwait(false);
        return string.Join('\n', articles.Select(a => a.Source ?? "unknown").Distinct(StringComparer.OrdinalIgnoreCase));
    }
}
