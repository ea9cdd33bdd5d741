using System.Diagnostics;
using System.Text.Json;
using BriefingBot.AI.Offline;
using BriefingBot.Core.Answering;
using BriefingBot.Core.Ingestion;
using BriefingBot.Core.Ingestion.Steps;
using BriefingBot.Core.Search;
using BriefingBot.Core.Storage;
using BriefingBot.Core.Text;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bench;

/// <summary>
/// Corpus scale: ingests the 2,225-story BBC corpus (plus the sample story) into a cached database, then
/// measures answer latency and peak memory over generated questions, the sample story's questions with the
/// corpus as distractors, and whether the corpus's exact duplicate stories cluster into one briefing item.
/// </summary>
internal static class CorpusBench
{
    private static readonly (string Question, string[] Expected)[] SampleQuestions =
    [
        ("Which countries joined the NATO meeting?", ["Japan", "South Korea", "Australia", "New Zealand"]),
        ("Who attended the NATO defense ministers' meeting for Japan?", ["Nakatani"]),
        ("Who did Nakatani meet ahead of the NATO meeting?", ["Mark Rutte"]),
        ("Who did Nakatani hold bilateral talks with?", ["Rustem Umerov"]),
        ("Where was the NATO defense ministers' meeting held?", ["Brussels"]),
        ("When did Nakatani attend the NATO meeting?", ["Thursday"]),
        ("What will Japan provide to Ukraine?", ["Self-Defense Force vehicles"]),
        ("What does IP4 stand for?", ["Indo-Pacific Four"]),
        ("Who is the NATO Secretary General?", ["Mark Rutte"]),
        ("Which regions' peace and stability are inseparable?", ["Euro-Atlantic", "Indo-Pacific"]),
        ("What did Nakatani call for regarding China and Russia?", ["status quo by force"]),
    ];

    public static async Task RunAsync(string evalDirectory, string samplesDirectory, string cacheDirectory, int questions)
    {
        Directory.CreateDirectory(cacheDirectory);
        var database = Path.Combine(cacheDirectory, "bbc-corpus.db");
        var ingestedHere = false;
        await using var services = BenchServices.Create(database);
        var store = services.GetRequiredService<IArticleStore>();
        if (await store.CountAsync() == 0)
        {
            ingestedHere = true;
            var pipeline = services.GetRequiredService<IngestionPipeline>();
            var watch = Stopwatch.StartNew();
            var report = await pipeline.IngestAsync([Path.Combine(evalDirectory, "bbc-corpus-2225.jsonl"), samplesDirectory]);
            var seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"ingest: {report.Added} added, {report.Duplicates} duplicates, {report.Failed.Count} failed in {seconds:0.0} s = {(report.Added + report.Duplicates) / seconds:0.0} articles/s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
        }

        var answers = services.GetRequiredService<IAnswerService>();
        var embedder = services.GetRequiredService<ITextEmbedder>();
        await answers.AnswerAsync(new Question("warm up the model and the vector index"));

        // Generated questions: each asks about a story by its headline.
        var articles = await store.ListAsync(100_000);
        var random = new Random(7);
        var picked = articles.OrderBy(_ => random.Next()).Take(questions).ToList();
        var answerMs = new List<double>();
        var baselineMs = new List<double>();
        var found = 0;
        foreach (var article in picked)
        {
            var question = $"What happened in the story \"{article.Title}\"?";
            var watch = Stopwatch.StartNew();
            var answer = await answers.AnswerAsync(new Question(question));
            answerMs.Add(watch.Elapsed.TotalMilliseconds);
            found += answer.Citations.Any(c => c.ArticleId == article.Id) ? 1 : 0;

            watch.Restart();
            await store.SearchSentencesAsync(Words.ContentWords(question), 160);
            await embedder.EmbedAsync([question]);
            baselineMs.Add(watch.Elapsed.TotalMilliseconds);
        }

        answerMs.Sort();
        baselineMs.Sort();
        var p50 = QaBench.Percentile(answerMs, 0.5);
        var p95 = QaBench.Percentile(answerMs, 0.95);
        var baseline = QaBench.Percentile(baselineMs, 0.5);
        Console.WriteLine($"corpus: {articles.Count} articles; {picked.Count} generated questions; answer p50 {p50:0} ms, p95 {p95:0} ms; " +
            $"one FTS query + one question embedding p50 {baseline:0.0} ms; ratio p50 {p50 / baseline:0.0}x, p95 {p95 / baseline:0.0}x; cited the asked-about story {100.0 * found / picked.Count:0}%");

        var correct = 0;
        foreach (var (question, expected) in SampleQuestions)
        {
            var answer = await answers.AnswerAsync(new Question(question));
            var cited = answer.Citations.Count > 0 && answer.Citations[0].Title.StartsWith("Nakatani", StringComparison.Ordinal);
            // A typed answer leads with its span ("Mark Rutte. Ahead of…"): the span itself must hold the answer, not
            // just the sentence quoted after it.
            var answered = answer.Span is { Length: > 0 } span && answer.Text.StartsWith(span + ". ", StringComparison.Ordinal) ? span : answer.Text;
            var ok = cited && expected.All(e => answered.Contains(e, StringComparison.Ordinal));
            correct += ok ? 1 : 0;
            Console.WriteLine($"  {(ok ? "ok  " : "MISS")} {question} -> {answer.Text.Split('\n')[0]}");
        }

        Console.WriteLine($"sample story with {articles.Count - 1} distractor stories: {correct}/{SampleQuestions.Length} answered correctly with a citation");
        await ClusteringCheckAsync(evalDirectory, embedder);
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB ({(ingestedHere ? "including the ingest above" : "answering only; the corpus was cached")})");
    }

    /// <summary>Every group of exact duplicate stories in the raw corpus must fall in one briefing cluster.</summary>
    private static async Task ClusteringCheckAsync(string evalDirectory, ITextEmbedder embedder)
    {
        var items = File.ReadLines(Path.Combine(evalDirectory, "bbc-corpus-2225.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (Title: e.GetProperty("title").GetString()!, Text: e.GetProperty("text").GetString()!))
            .ToList();
        var leads = new List<float[]>();
        var hashes = new List<string>();
        foreach (var (title, text) in items)
        {
            var body = ArticleTextExtractor.Extract(text, title).Body;
            hashes.Add(NormalizeArticleStep.HashOf(body));
            var lead = SentenceSplitter.Split(body).Take(3).ToList();
            leads.Add(ExtractiveBriefingComposer.LeadOf(await embedder.EmbedAsync(lead)));
        }

        // The composer's greedy rule: each story joins the first cluster whose first story it matches.
        var clusterOf = new int[items.Count];
        var heads = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var cluster = heads.FindIndex(h => ExtractiveBriefingComposer.IsSameStory(leads[h], leads[i]));
            if (cluster < 0)
            {
                heads.Add(i);
                cluster = heads.Count - 1;
            }

            clusterOf[i] = cluster;
        }

        var duplicateGroups = Enumerable.Range(0, items.Count).GroupBy(i => hashes[i]).Where(g => g.Count() > 1).ToList();
        var together = duplicateGroups.Count(g => g.Select(i => clusterOf[i]).Distinct().Count() == 1);
        var mixed = Enumerable.Range(0, items.Count).GroupBy(i => clusterOf[i]).Count(g => g.Select(i => hashes[i]).Distinct().Count() > 1);
        Console.WriteLine($"clustering: {duplicateGroups.Sum(g => g.Count() - 1)} duplicate stories in {duplicateGroups.Count} groups; {together}/{duplicateGroups.Count} groups in one cluster; " +
            $"{heads.Count} clusters for {items.Count} stories; {mixed} clusters join different stories");
    }
}
