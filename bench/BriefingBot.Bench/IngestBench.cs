using System.Diagnostics;
using BriefingBot.Core.Ingestion;
using BriefingBot.Core.Search;
using BriefingBot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bench;

/// <summary>
/// Ingest throughput: the first N stories of the BBC corpus through the whole pipeline into a fresh database, then
/// the raw MiniLM encoder over exactly the sentences that were stored, one batch per article as the pipeline
/// encodes them, in the same process. Prints articles/s for both and their ratio, and peak memory.
/// </summary>
internal static class IngestBench
{
    public static async Task RunAsync(string evalDirectory, int articles)
    {
        var work = Path.Combine(Path.GetTempPath(), "briefingbot-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            var corpus = Path.Combine(work, "corpus.jsonl");
            await File.WriteAllLinesAsync(corpus, File.ReadLines(Path.Combine(evalDirectory, "bbc-corpus-2225.jsonl")).Take(articles));
            await using var services = BenchServices.Create(Path.Combine(work, "bench.db"));
            var embedder = services.GetRequiredService<ITextEmbedder>();
            await embedder.EmbedAsync(["warm up the encoder"]);

            var watch = Stopwatch.StartNew();
            var report = await services.GetRequiredService<IngestionPipeline>().IngestAsync([corpus]);
            var ingestSeconds = watch.Elapsed.TotalSeconds;
            var handled = report.Added + report.Duplicates;

            var store = services.GetRequiredService<IArticleStore>();
            var batches = new List<string[]>();
            foreach (var id in report.AddedIds)
            {
                batches.Add([.. (await store.GetSentencesAsync(id)).Select(s => s.Text)]);
            }

            watch.Restart();
            foreach (var batch in batches)
            {
                await embedder.EmbedAsync(batch);
            }

            var encodeSeconds = watch.Elapsed.TotalSeconds;

            // The same sentences as the pipeline hands them to the encoder: eight articles per call.
            watch.Restart();
            foreach (var chunk in batches.Chunk(8))
            {
                await embedder.EmbedAsync(chunk.SelectMany(b => b).ToList());
            }

            var chunkedSeconds = watch.Elapsed.TotalSeconds;
            var sentences = batches.Sum(b => b.Length);
            var ingestRate = handled / ingestSeconds;
            var encodeRate = report.Added / chunkedSeconds;
            Console.WriteLine($"| measure | value |");
            Console.WriteLine($"|---|---|");
            Console.WriteLine($"| stories read | {handled} ({report.Added} stored, {report.Duplicates} duplicates merged, {report.Failed.Count} refused) |");
            Console.WriteLine($"| sentences embedded | {sentences} ({(double)sentences / Math.Max(1, report.Added):0.0} per stored story) |");
            Console.WriteLine($"| ingest (whole pipeline) | {ingestSeconds:0.0} s = {ingestRate:0.0} stories/s |");
            Console.WriteLine($"| raw MiniLM encoder, same sentences, one call per article | {encodeSeconds:0.0} s = {sentences / encodeSeconds:0} sentences/s = {report.Added / encodeSeconds:0.0} stored stories/s |");
            Console.WriteLine($"| raw MiniLM encoder, same sentences, 8 articles per call (as the pipeline) | {chunkedSeconds:0.0} s = {sentences / chunkedSeconds:0} sentences/s = {encodeRate:0.0} stored stories/s |");
            Console.WriteLine($"| ratio ingest / encoder as the pipeline calls it (stored stories/s) | {report.Added / ingestSeconds / encodeRate:0.00} |");
            Console.WriteLine($"| peak working set | {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB |");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }
}
