using System.Text.Json;
using BriefingBot.AI.Offline.Reader;

namespace BriefingBot.Bench;

/// <summary>
/// Writes what the reader tuning tool (<c>bench/ReaderTuning</c>) learns from: for each question of SQuAD's
/// training pool and of the samples' tuning halves, the model input the reader would build at answer time (one
/// row per sentence the engine looks at) and the words where a reference answer starts and ends.
/// </summary>
internal static class ReaderDataExport
{
    public static async Task RunAsync(string evalDirectory, string output, int? limit)
    {
        await using var services = BenchServices.CreateTemporary("export");
        await using var writer = new StreamWriter(output);
        foreach (var (set, file, take) in new[]
        {
            ("pool", "squad-train-pool.jsonl", limit ?? int.MaxValue),
            ("squad-tune", "squad-dev-sample.jsonl", 300),
            ("newsqa-tune", "newsqa-sample.jsonl", 150),
        })
        {
            var examples = await ReaderTraining.ReadAsync(services, Path.Combine(evalDirectory, file), 0, take, withStates: false);
            foreach (var e in examples)
            {
                var encoded = MiniLmReader.Instance.Encode(e.Question, e.SentenceTexts);
                await writer.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    set,
                    title = e.Title ?? string.Empty,
                    question = encoded.QuestionLength,
                    rows = encoded.Rows.Select(r => new { ids = r.Ids, words = r.WordOfPiece }),
                    label = new[] { e.Sentence, e.Start, e.End },
                }));
            }

            Console.WriteLine($"{set}: {examples.Count} questions, {examples.Count(e => e.Sentence >= 0)} with the answer in a sentence looked at");
        }

    }
}
