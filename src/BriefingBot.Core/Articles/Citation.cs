namespace BriefingBot.Core.Articles;

/// <summary>The source of a claim: which article, and the sentence relied on.</summary>
public sealed record Citation(
    long ArticleId,
    string Title,
    string? Source,
    DateTimeOffset? Published,
    string? Url,
    string Sentence)
{
    /// <summary>Builds a citation of <paramref name="sentence"/> in <paramref name="article"/>.</summary>
    public static Citation Of(Article article, string sentence) =>
        new(article.Id, article.Title, article.Source, article.Published, article.Url, sentence);
}
