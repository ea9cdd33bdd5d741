using BriefingBot.Core.Articles;
using BriefingBot.Core.Search;
using BriefingBot.Core.Summaries;

namespace BriefingBot.AI.Offline;

/// <summary>
/// Picks the sentences that carry an article: close to the article's centroid and headline, early in the text,
/// and not repeating each other (maximal marginal relevance), within a word budget.
/// </summary>
internal sealed class ExtractiveSummaryService(ITextEmbedder embedder) : ISummaryService
{
    private const int MaxWords = 120;
    private const int MaxKeyPoints = 4;
    private const double Diversity = 0.7;

    public async Task<Summary> SummarizeAsync(Article article, IReadOnlyList<string> sentences, CancellationToken cancellationToken = default)
    {
        var cleaned = sentences
            .Select(Dateline.Strip)
            .Select((text, index) => (Text: text, Index: index))
            .Where(s => WordCount(s.Text) is >= 5 and <= 70)
            .ToList();
        if (cleaned.Count == 0)
        {
            return new Summary(article.Title, [], []);
        }

        var vectors = await embedder.EmbedAsync([article.Title, .. cleaned.Select(s => s.Text)], cancellationToken).ConfigureAwait(false);
        var title = vectors[0];
        var sentenceVectors = vectors.Skip(1).ToList();
        var centroid = Centroid(sentenceVectors);
        var relevance = cleaned.Select((s, i) =>
            (0.45 * VectorIndex.Dot(sentenceVectors[i], centroid))
            + (0.25 * VectorIndex.Dot(sentenceVectors[i], title))
            + (0.30 / (1 + (s.Index / 3.0)))).ToList();

        var chosen = new List<int>();
        var words = 0;
        while (chosen.Count < MaxKeyPoints + 1)
        {
            var next = -1;
            var nextScore = double.MinValue;
            for (var i = 0; i < cleaned.Count; i++)
            {
                if (chosen.Contains(i) || words + WordCount(cleaned[i].Text) > MaxWords)
                {
                    continue;
                }

                var redundancy = chosen.Count == 0 ? 0 : chosen.Max(j => VectorIndex.Dot(sentenceVectors[i], sentenceVectors[j]));
                var score = (Diversity * relevance[i]) - ((1 - Diversity) * redundancy);
                if (score > nextScore)
                {
                    next = i;
                    nextScore = score;
                }
            }

            if (next < 0)
            {
                break;
            }

            chosen.Add(next);
            words += WordCount(cleaned[next].Text);
        }

        var tldr = cleaned[chosen[0]].Text;
        var keyPoints = chosen.Skip(1).Order().Select(i => cleaned[i].Text).ToList();
        var citations = chosen.Select(i => Citation.Of(article, sentences[cleaned[i].Index])).ToList();
        return new Summary(tldr, keyPoints, citations);
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static float[] Centroid(IReadOnlyList<float[]> vectors)
    {
        var centroid = new float[vectors[0].Length];
        foreach (var vector in vectors)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(centroid, vector, centroid);
        }

        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(centroid.AsSpan());
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(centroid, norm, centroid);
        }

        return centroid;
    }
}
