using BriefingBot.Core.Articles;
using BriefingBot.Core.Briefings;
using BriefingBot.Core.Search;
using BriefingBot.Core.Storage;
using BriefingBot.Core.Summaries;
using BriefingBot.Core.Text;

namespace BriefingBot.AI.Offline;

/// <summary>
/// Builds a briefing offline: the period's stories, kept when they match the topics (by word or by meaning),
/// clustered so the same story from several sources becomes one item listing every source, ranked by
/// recency, number of sources and topic match, each summarized in one line.
/// </summary>
internal sealed class ExtractiveBriefingComposer(IArticleStore store, ISummaryService summaries, ITextEmbedder embedder) : IBriefingComposer
{
    /// <summary>Articles whose lead vectors are this similar are the same story.</summary>
    internal const double SameStory = 0.86;

    /// <summary>
    /// A topic matches an article whose lead is at least this similar to "news about {topic}" when no word of it
    /// matches. One-word topics embed poorly on their own; the phrase measured better on hand-made examples.
    /// </summary>
    private const double TopicSimilarity = 0.25;
    private const int CandidateLimit = 2000;
    private const int SummaryWords = 40;

    public async Task<Briefing> ComposeAsync(BriefingRequest request, CancellationToken cancellationToken = default)
    {
        var articles = await store.ListIngestedBetweenAsync(request.Since, request.Until, CandidateLimit, cancellationToken).ConfigureAwait(false);
        if (articles.Count == 0)
        {
            return new Briefing(request, []);
        }

        var topicVectors = request.Topics.Count == 0 ? [] : await embedder.EmbedAsync(request.Topics.Select(t => "news about " + t).ToList(), cancellationToken).ConfigureAwait(false);
        var topicStems = request.Topics.Select(t => TermCoverage.Stems(Words.ContentWords(t))).ToList();
        var stories = new List<Story>();
        foreach (var article in articles)
        {
            var lead = await LeadVectorAsync(article, cancellationToken).ConfigureAwait(false);
            var topicMatch = TopicMatch(article, lead, topicStems, topicVectors);
            if (request.Topics.Count > 0 && topicMatch <= 0)
            {
                continue;
            }

            var story = stories.FirstOrDefault(s => IsSameStory(s.Lead, lead));
            if (story is null)
            {
                stories.Add(new Story(article, lead, topicMatch));
            }
            else
            {
                story.Articles.Add(article);
                story.TopicMatch = Math.Max(story.TopicMatch, topicMatch);
            }
        }

        var newest = articles.Max(a => a.Published ?? a.IngestedAt);
        var ranked = stories
            .Select(s => (Story: s, Score: Rank(s, newest)))
            .OrderByDescending(s => s.Score)
            .Take(request.MaxItems)
            .ToList();
        var items = new List<BriefingItem>(ranked.Count);
        foreach (var (story, score) in ranked)
        {
            var main = story.Articles[0];
            var sentences = await store.GetSentencesAsync(main.Id, cancellationToken).ConfigureAwait(false);
            var vectors = await store.GetSentenceVectorsAsync(main.Id, cancellationToken).ConfigureAwait(false);
            var summary = await summaries.SummarizeAsync(main, sentences.Select(s => s.Text).ToList(), vectors, cancellationToken).ConfigureAwait(false);
            var sources = story.Articles.Select(a => Citation.Of(a, a == main ? summary.Tldr : a.Title)).ToList();

            // Other outlets' copies merged at ingest are sources of the story too.
            var alternates = await store.GetAlternateSourcesAsync(story.Articles.Select(a => a.Id).ToList(), cancellationToken).ConfigureAwait(false);
            sources.AddRange(alternates.SelectMany(pair => pair.Value.Select(alt => new Citation(pair.Key, alt.Title, alt.Source, alt.Published, alt.Url, alt.Title))));
            items.Add(new BriefingItem(main.Title, OneLine(summary.Tldr), sources, Math.Round(score, 4)));
        }

        return new Briefing(request, items);
    }

    /// <summary>Whether two stories' lead vectors say the same story (the rule the bench checks on the BBC corpus).</summary>
    internal static bool IsSameStory(float[] a, float[] b) => VectorIndex.Dot(a, b) >= SameStory;

    /// <summary>The mean of the first three sentence vectors: what the story is about, as its lead tells it.</summary>
    private async Task<float[]> LeadVectorAsync(Article article, CancellationToken cancellationToken)
    {
        var vectors = await store.GetSentenceVectorsAsync(article.Id, cancellationToken).ConfigureAwait(false);
        if (vectors is null || vectors.Count == 0)
        {
            return (await embedder.EmbedAsync([article.Title], cancellationToken).ConfigureAwait(false))[0];
        }

        return LeadOf(vectors);
    }

    /// <summary>The normalized mean of the first three sentence vectors.</summary>
    internal static float[] LeadOf(IReadOnlyList<float[]> vectors) => VectorIndex.MeanDirection(vectors.Take(3));

    /// <summary>
    /// 1 when a topic's words appear in the headline or twice in the body, else its similarity to the lead when
    /// above the line, else 0.
    /// </summary>
    private static double TopicMatch(Article article, float[] lead, List<IReadOnlySet<string>> topicStems, IReadOnlyList<float[]> topicVectors)
    {
        if (topicStems.Count == 0)
        {
            return 0;
        }

        var title = TermCoverage.Stems(Words.Tokenize(article.Title));
        var body = Words.Tokenize(article.Body).Select(Words.Stem).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        if (topicStems.Any(t => t.Count > 0 && t.All(w => title.Contains(w) || body.GetValueOrDefault(w) >= 2)))
        {
            return 1;
        }

        var best = topicVectors.Max(t => VectorIndex.Dot(t, lead));
        return best >= TopicSimilarity ? best : 0;
    }

    /// <summary>Newer stories first; a story carried by several sources and a closer topic match rise.</summary>
    private static double Rank(Story story, DateTimeOffset newest)
    {
        var when = story.Articles.Max(a => a.Published ?? a.IngestedAt);
        var ageDays = Math.Max(0, (newest - when).TotalDays);
        return Math.Exp(-ageDays / 2) + (0.3 * Math.Log(story.Articles.Count)) + (0.5 * story.TopicMatch);
    }

    private static string OneLine(string sentence)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= SummaryWords ? sentence : string.Join(' ', words.Take(SummaryWords)) + " …";
    }

    private sealed class Story(Article first, float[] lead, double topicMatch)
    {
        public List<Article> Articles { get; } = [first];

        public float[] Lead { get; } = lead;

        public double TopicMatch { get; set; } = topicMatch;
    }
}
