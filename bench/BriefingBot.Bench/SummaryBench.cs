using System.Diagnostics;
using System.Text.Json;
using BriefingBot.Core.Articles;
using BriefingBot.Core.Ingestion;
using BriefingBot.Core.Search;
using BriefingBot.Core.Summaries;
using BriefingBot.Core.Text;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bench;

/// <summary>
/// ROUGE-1/2/L F1 of the offline summaries against BBC's human reference summaries, beside a lead baseline cut
/// to the same number of words, computed in the same run. Odd-numbered ids are for tuning, even ones are
/// reported. The time per summary is measured with the sentence vectors already computed, as in the product.
/// </summary>
internal static class SummaryBench
{
    /// <summary>Grid search of the summarizer's weights on the tuning half (odd ids) only.</summary>
    public static async Task TuneAsync(string evalDirectory, int? limit)
    {
        await using var services = BenchServices.CreateTemporary("tune");
        var summarizer = (BriefingBot.AI.Offline.ExtractiveSummaryService)services.GetRequiredService<ISummaryService>();
        var embedder = services.GetRequiredService<ITextEmbedder>();
        var items = new List<(Article Article, IReadOnlyList<string> Sentences, IReadOnlyList<float[]> Vectors, string[] Reference, string[] Body)>();
        foreach (var line in File.ReadLines(Path.Combine(evalDirectory, "bbc-summaries.jsonl")).Take(limit ?? int.MaxValue))
        {
            var item = JsonDocument.Parse(line).RootElement;
            var id = item.GetProperty("id").GetString()!;
            if (int.Parse(id[(id.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0)
            {
                continue;
            }

            var extracted = ArticleTextExtractor.Extract(item.GetProperty("text").GetString()!, item.GetProperty("title").GetString());
            var sentences = SentenceSplitter.Split(extracted.Body);
            var vectors = await embedder.EmbedAsync(sentences);
            items.Add((new Article(0, extracted.Title, extracted.Body, "BBC", null, null, string.Empty, DateTimeOffset.UtcNow), sentences, vectors, Rouge.Tokens(item.GetProperty("summary").GetString()!), Rouge.Tokens(extracted.Body)));
        }

        var results = new List<(BriefingBot.AI.Offline.SummaryWeights Weights, double Ratio)>();
        var grid =
            from centrality in new[] { 0.2, 0.45, 0.7 }
            from headline in new[] { 0.0, 0.25, 0.5 }
            from position in new[] { 0.1, 0.3, 0.6 }
            from decay in new[] { 2.0, 5.0, 10.0 }
            from length in new[] { 0.0, 0.2, 0.4 }
            from diversity in new[] { 0.6, 0.8 }
            select new BriefingBot.AI.Offline.SummaryWeights(centrality, headline, position, decay, length, diversity);
        foreach (var weights in grid)
        {
            summarizer.Weights = weights;
            double ours = 0, lead = 0;
            foreach (var (article, sentences, vectors, reference, body) in items)
            {
                var summary = Rouge.Tokens((await summarizer.SummarizeAsync(article, sentences, vectors)).Text);
                ours += Rouge.NGramF1(summary, reference, 2);
                lead += Rouge.NGramF1(body.Take(summary.Length).ToArray(), reference, 2);
            }

            results.Add((summarizer.Weights, ours / lead));
        }

        foreach (var (weights, ratio) in results.OrderByDescending(r => r.Ratio).Take(5))
        {
            Console.WriteLine($"R-2 ratio {ratio:0.000}  {weights}");
        }

    }

    public static async Task RunAsync(string evalDirectory, int? limit)
    {
        await using var services = BenchServices.CreateTemporary("sum");
        var summaries = services.GetRequiredService<ISummaryService>();
        var embedder = services.GetRequiredService<ITextEmbedder>();
        var rows = new List<(bool Tune, double[] Ours, double[] Lead, int Words, double Ms)>();
        foreach (var line in File.ReadLines(Path.Combine(evalDirectory, "bbc-summaries.jsonl")).Take(limit ?? int.MaxValue))
        {
            var item = JsonDocument.Parse(line).RootElement;
            var id = item.GetProperty("id").GetString()!;
            var number = int.Parse(id[(id.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            var extracted = ArticleTextExtractor.Extract(item.GetProperty("text").GetString()!, item.GetProperty("title").GetString());
            var sentences = SentenceSplitter.Split(extracted.Body);
            var vectors = await embedder.EmbedAsync(sentences);
            var article = new Article(0, extracted.Title, extracted.Body, "BBC", null, null, string.Empty, DateTimeOffset.UtcNow);

            var watch = Stopwatch.StartNew();
            var summary = await summaries.SummarizeAsync(article, sentences, vectors);
            var ms = watch.Elapsed.TotalMilliseconds;

            var ours = Rouge.Tokens(summary.Text);
            var lead = Rouge.Tokens(extracted.Body).Take(ours.Length).ToArray();
            var reference = Rouge.Tokens(item.GetProperty("summary").GetString()!);
            rows.Add((number % 2 == 1, Scores(ours, reference), Scores(lead, reference), summary.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, ms));
        }

        Console.WriteLine($"{"half",-7} {"n",4} {"system",-7} {"R-1",6} {"R-2",6} {"R-L",6} {"words",6} {"max",4} {"R-2 ratio",9} {"p50 ms",7} {"p95 ms",7}");
        foreach (var (name, part) in new[] { ("tune", rows.Where(r => r.Tune).ToList()), ("report", rows.Where(r => !r.Tune).ToList()) })
        {
            if (part.Count == 0)
            {
                continue;
            }

            var ms = part.Select(r => r.Ms).Order().ToList();
            var ours = Mean(part.Select(r => r.Ours));
            var lead = Mean(part.Select(r => r.Lead));
            Console.WriteLine($"{name,-7} {part.Count,4} {"ours",-7} {100 * ours[0],6:0.0} {100 * ours[1],6:0.0} {100 * ours[2],6:0.0} {part.Average(r => r.Words),6:0} {part.Max(r => r.Words),4} {ours[1] / lead[1],9:0.000} {QaBench.Percentile(ms, 0.5),7:0.0} {QaBench.Percentile(ms, 0.95),7:0.0}");
            Console.WriteLine($"{name,-7} {part.Count,4} {"lead",-7} {100 * lead[0],6:0.0} {100 * lead[1],6:0.0} {100 * lead[2],6:0.0}");
        }

    }

    private static double[] Scores(string[] candidate, string[] reference) =>
        [Rouge.NGramF1(candidate, reference, 1), Rouge.NGramF1(candidate, reference, 2), Rouge.LcsF1(candidate, reference)];

    private static double[] Mean(IEnumerable<double[]> scores)
    {
        var list = scores.ToList();
        return [.. Enumerable.Range(0, 3).Select(i => list.Average(s => s[i]))];
    }
}
