using BriefingBot.Core.Articles;

namespace BriefingBot.Core.Summaries;

/// <summary>Summarizes one article into a TL;DR and key points.</summary>
public interface ISummaryService
{
    /// <param name="article">The article (its id, title and source are used for citations).</param>
    /// <param name="sentences">The article's body sentences in reading order.</param>
    /// <param name="vectors">The sentences' stored vectors, when they exist (saves embedding them again).</param>
    Task<Summary> SummarizeAsync(Article article, IReadOnlyList<string> sentences, IReadOnlyList<float[]>? vectors = null, CancellationToken cancellationToken = default);
}
