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
    /// <summary>The weights in use; tuned on the odd-numbered half of the BBC summaries (bench tune-summaries).</summary>
    internal SummaryWeights Weights { get; set; } = SummaryWeights.Default;

    private const int MaxWords = 120;
    private const int MaxKeyPoints = 4;
    private const int MinKeyPoints = 3;

    public async Task<Summary> SummarizeAsync(Article article, IReadOnlyList<string> sentences, IReadOnlyList<float[]>? vectors = null, CancellationToken cancellationToken = default)
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

        float[] title;
        List<float[]> sentenceVectors;
        if (vectors is not null && vectors.Count == sentences.Count)
        {
            title = (await embedder.EmbedAsync([article.Title], cancellationToken).ConfigureAwait(false))[0];
            sentenceVectors = cleaned.Select(s => vectors[s.Index]).ToList();
        }
        else
        {
            var embedded = await embedder.EmbedAsync([article.Title, .. cleaned.Select(s => s.Text)], cancellationToken).ConfigureAwait(false);
            title = embedded[0];
            sentenceVectors = embedded.Skip(1).ToList();
        }

        var centroid = VectorIndex.MeanDirection(sentenceVectors);
        var w = Weights;
        var relevance = cleaned.Select((s, i) =>
            (w.Centrality * VectorIndex.Dot(sentenceVectors[i], centroid))
            + (w.Headline * VectorIndex.Dot(sentenceVectors[i], title))
            + (w.Position / (1 + (s.Index / w.PositionDecay)))
            + (w.Length * Math.Min(WordCount(s.Text), 40) / 40.0)).ToList();

        var chosen = new List<int>();
        var words = 0;
        var lengths = cleaned.Select(c => WordCount(c.Text)).ToArray();
        while (chosen.Count < MaxKeyPoints + 1)
        {
            var next = -1;
            var nextScore = double.MinValue;
            var feasibleOnly = cleaned.Count > chosen.Count + 1 && chosen.Count < MinKeyPoints + 1;
            for (var pass = 0; pass < 2 && next < 0; pass++)
            {
                for (var i = 0; i < cleaned.Count; i++)
                {
                    if (chosen.Contains(i) || words + lengths[i] > MaxWords)
                    {
                        continue;
                    }

                    // Leave room for the TL;DR plus MinKeyPoints: skip a long sentence that would crowd the rest out.
                    if (pass == 0 && feasibleOnly && !LeavesRoom(lengths, chosen, i, MaxWords - words - lengths[i]))
                    {
                        continue;
                    }

                    var redundancy = chosen.Count == 0 ? 0 : chosen.Max(j => VectorIndex.Dot(sentenceVectors[i], sentenceVectors[j]));
                    var score = (w.Diversity * relevance[i]) - ((1 - w.Diversity) * redundancy);
                    if (score > nextScore)
                    {
                        next = i;
                        nextScore = score;
                    }
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

    /// <summary>True when, after taking <paramref name="candidate"/>, the shortest remaining sentences still fit.</summary>
    private static bool LeavesRoom(int[] lengths, List<int> chosen, int candidate, int remaining)
    {
        var needed = MinKeyPoints + 1 - (chosen.Count + 1);
        if (needed <= 0)
        {
            return true;
        }

        var shortest = lengths.Where((_, i) => i != candidate && !chosen.Contains(i)).Order().Take(needed).Sum();
        return shortest <= remaining;
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
