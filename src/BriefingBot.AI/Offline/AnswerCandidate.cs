using BriefingBot.Core.Articles;

namespace BriefingBot.AI.Offline;

/// <summary>A sentence that may hold the answer, scored against the question.</summary>
/// <param name="Article">Its article; null in reading-comprehension mode.</param>
/// <param name="Semantic">Cosine similarity to the question.</param>
/// <param name="Coverage">Share of the question's key terms found in the sentence (title matches count half).</param>
/// <param name="NameCoverage">Share of the names the question uses ("Nakatani", "IP4") found in the sentence.</param>
/// <param name="StoryPosition">Its place in a provided story (0 for the first sentence); null for short texts and stored articles.</param>
internal sealed record AnswerCandidate(string Text, Article? Article, double Semantic, double Coverage, double NameCoverage = 0, int? StoryPosition = null)
{
    public double Score => (0.6 * Semantic) + (0.4 * Coverage);
}
