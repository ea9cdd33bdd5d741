using BriefingBot.Core.Articles;
using BriefingBot.Core.Storage;
using BriefingBot.Core.Text;

namespace BriefingBot.Core.Search;

/// <summary>
/// Finds the sentences that best match a query by blending full-text BM25 (exact words, names) with
/// MiniLM vector similarity (meaning), plus a small preference for recent articles.
/// </summary>
public sealed class HybridRetriever(IArticleStore store, VectorIndex vectors, ITextEmbedder embedder, TimeProvider time)
{
    private const int CandidatePool = 80;
    private const double SemanticWeight = 0.65;
    private const double LexicalWeight = 0.35;
    private const double RecencyWeight = 0.03;

    /// <summary>The best sentences for <paramref name="query"/>, optionally only from some articles.</summary>
    public async Task<IReadOnlyList<RetrievedSentence>> RetrieveAsync(
        string query,
        int limit,
        IReadOnlyCollection<long>? articleIds = null,
        CancellationToken cancellationToken = default)
    {
        await vectors.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var queryVector = (await embedder.EmbedAsync([query], cancellationToken).ConfigureAwait(false))[0];
        Func<long, bool>? filter = articleIds is null ? null : articleIds.Contains;

        var terms = Words.ContentWords(query);
        var lexicalHits = await store.SearchSentencesAsync(terms, CandidatePool * 2, cancellationToken).ConfigureAwait(false);
        var bestLexical = lexicalHits.Count == 0 ? 1 : Math.Max(lexicalHits.Max(h => h.Score), 1e-9);

        var candidates = new Dictionary<long, (long ArticleId, int Index, string? Text, double Semantic, double Lexical)>();
        foreach (var hit in lexicalHits.Where(h => filter is null || filter(h.ArticleId)).Take(CandidatePool))
        {
            var semantic = vectors.SimilarityOf(hit.RowId, queryVector) ?? 0;
            candidates[hit.RowId] = (hit.ArticleId, hit.Index, hit.Text, semantic, hit.Score / bestLexical);
        }

        foreach (var (row, similarity) in vectors.Search(queryVector, CandidatePool, filter))
        {
            if (!candidates.ContainsKey(row.RowId))
            {
                candidates[row.RowId] = (row.ArticleId, row.Index, null, similarity, 0);
            }
        }

        var articles = new Dictionary<long, Article>();
        var sentenceCache = new Dictionary<long, IReadOnlyList<ArticleSentence>>();
        var now = time.GetUtcNow();
        var results = new List<RetrievedSentence>(candidates.Count);
        foreach (var (_, c) in candidates)
        {
            if (!articles.TryGetValue(c.ArticleId, out var article))
            {
                article = await store.GetAsync(c.ArticleId, cancellationToken).ConfigureAwait(false);
                if (article is null)
                {
                    continue;
                }

                articles[c.ArticleId] = article;
            }

            var text = c.Text;
            if (text is null)
            {
                if (!sentenceCache.TryGetValue(c.ArticleId, out var sentences))
                {
                    sentences = await store.GetSentencesAsync(c.ArticleId, cancellationToken).ConfigureAwait(false);
                    sentenceCache[c.ArticleId] = sentences;
                }

                text = sentences.FirstOrDefault(s => s.Index == c.Index)?.Text;
                if (text is null)
                {
                    continue;
                }
            }

            var age = now - (article.Published ?? article.IngestedAt);
            var recency = Math.Exp(-Math.Max(age.TotalDays, 0) / 30);
            var score = (SemanticWeight * c.Semantic) + (LexicalWeight * c.Lexical) + (RecencyWeight * recency);
            results.Add(new RetrievedSentence(article, new ArticleSentence(c.ArticleId, c.Index, text), c.Semantic, c.Lexical, score));
        }

        return results.OrderByDescending(r => r.Score).Take(limit).ToList();
    }
}
