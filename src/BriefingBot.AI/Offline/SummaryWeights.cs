namespace BriefingBot.AI.Offline;

/// <summary>How the extractive summarizer weighs a sentence (see ExtractiveSummaryService).</summary>
/// <param name="Centrality">Similarity to the article's centroid.</param>
/// <param name="Headline">Similarity to the headline.</param>
/// <param name="Position">Preference for early sentences, decaying as 1 / (1 + index / PositionDecay).</param>
/// <param name="Length">Preference for fuller sentences (up to 40 words).</param>
/// <param name="Diversity">MMR trade-off: 1 ignores redundancy, lower values penalize repeating chosen sentences.</param>
internal sealed record SummaryWeights(double Centrality, double Headline, double Position, double PositionDecay, double Length, double Diversity)
{
    public static SummaryWeights Default { get; } = new(0.7, 0.25, 0.3, 5.0, 0.2, 0.8);
}
