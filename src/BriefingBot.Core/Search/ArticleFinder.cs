using BriefingBot.Core.Articles;
using BriefingBot.Core.Storage;
using BriefingBot.Core.Text;

namespace BriefingBot.Core.Search;

/// <summary>Finds the article a user means by a title, a topic or an id ("the NATO article", "#12").</summary>
public sealed class ArticleFinder(IArticleStore store)
{
    private static readonly HashSet<string> Filler = new(StringComparer.OrdinalIgnoreCase)
    {
        "article", "story", "news", "piece", "report", "summarize", "summarise", "summary", "brief", "latest", "last",
    };

    public async Task<Article?> FindAsync(string reference, CancellationToken cancellationToken = default)
    {
        var trimmed = reference.Trim().TrimStart('#');
        if (long.TryParse(trimmed, out var id))
        {
            return await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        }

        var terms = Words.ContentWords(reference).Where(w => !Filler.Contains(w)).ToList();
        if (terms.Count == 0)
        {
            return null;
        }

        var hits = await store.SearchArticlesAsync(terms, 1, cancellationToken).ConfigureAwait(false);
        return hits.Count == 0 ? null : await store.GetAsync(hits[0].ArticleId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The most recent article, or null when the store is empty.</summary>
    public async Task<Article?> LatestAsync(CancellationToken cancellationToken = default) =>
        (await store.ListAsync(1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
}
