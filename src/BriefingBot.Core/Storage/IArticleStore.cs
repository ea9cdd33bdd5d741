using BriefingBot.Core.Articles;

namespace BriefingBot.Core.Storage;

/// <summary>Articles, their sentences and sentence vectors, with full-text search.</summary>
public interface IArticleStore
{
    /// <summary>Stores an article with its sentences and their vectors in one transaction.</summary>
    /// <returns>The new article's id.</returns>
    Task<long> AddAsync(NewArticle article, CancellationToken cancellationToken = default);

    /// <summary>The id of the article whose normalized body has this hash, or null.</summary>
    Task<long?> FindByHashAsync(string contentHash, CancellationToken cancellationToken = default);

    Task<Article?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Articles, newest first (by publication time, then ingestion).</summary>
    Task<IReadOnlyList<Article>> ListAsync(int limit, CancellationToken cancellationToken = default);

    Task<int> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Articles the store received between <paramref name="since"/> and <paramref name="until"/>, newest first.</summary>
    Task<IReadOnlyList<Article>> ListIngestedBetweenAsync(DateTimeOffset since, DateTimeOffset until, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ArticleSentence>> GetSentencesAsync(long articleId, CancellationToken cancellationToken = default);

    /// <summary>The article's sentence vectors in sentence order, or null when any sentence has none.</summary>
    Task<IReadOnlyList<float[]>?> GetSentenceVectorsAsync(long articleId, CancellationToken cancellationToken = default);

    /// <summary>Full-text search over sentences; <paramref name="terms"/> are matched with OR and ranked by BM25.</summary>
    Task<IReadOnlyList<SentenceHit>> SearchSentencesAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken = default);

    /// <summary>Full-text search over titles and bodies, titles weighted higher.</summary>
    Task<IReadOnlyList<ArticleHit>> SearchArticlesAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// An article received since <paramref name="since"/> whose SimHash is within <paramref name="maxDistance"/> bits
    /// of <paramref name="simHash"/> (the closest), or null.
    /// </summary>
    Task<long?> FindNearDuplicateAsync(long simHash, DateTimeOffset since, int maxDistance, CancellationToken cancellationToken = default);

    /// <summary>Records another outlet that carried the same story as <paramref name="articleId"/>.</summary>
    Task AddAlternateSourceAsync(long articleId, AlternateSource source, CancellationToken cancellationToken = default);

    /// <summary>The other outlets recorded for each article (articles without any are absent).</summary>
    Task<IReadOnlyDictionary<long, IReadOnlyList<AlternateSource>>> GetAlternateSourcesAsync(IReadOnlyCollection<long> articleIds, CancellationToken cancellationToken = default);

    /// <summary>Sentence vectors with a sentence row id above <paramref name="afterRowId"/>, in row order.</summary>
    Task<IReadOnlyList<SentenceVector>> GetVectorsAsync(long afterRowId, int limit, CancellationToken cancellationToken = default);
}

/// <summary>An article ready to store: the draft, its hash, and its analyzed sentences.</summary>
public sealed record NewArticle(ArticleDraft Draft, string ContentHash, IReadOnlyList<string> Sentences, IReadOnlyList<float[]?> Vectors, long? SimHash = null);

/// <summary>Another outlet's copy of a stored story, merged into it at ingest.</summary>
/// <param name="Origin">Where the copy was read (URL, feed item, file), unique per article.</param>
public sealed record AlternateSource(string? Source, string? Url, string Title, DateTimeOffset? Published, string Origin);

/// <summary>A full-text match on one sentence; higher <see cref="Score"/> is better.</summary>
public sealed record SentenceHit(long RowId, long ArticleId, int Index, string Text, double Score);

/// <summary>A full-text match on one article; higher <see cref="Score"/> is better.</summary>
public sealed record ArticleHit(long ArticleId, double Score);

/// <summary>One stored sentence vector.</summary>
public sealed record SentenceVector(long RowId, long ArticleId, int Index, float[] Vector);

/// <summary>Another writer stored an article with the same content hash first.</summary>
public sealed class DuplicateArticleException(string contentHash, Exception inner)
    : Exception($"An article with content hash {contentHash} is already stored.", inner);
