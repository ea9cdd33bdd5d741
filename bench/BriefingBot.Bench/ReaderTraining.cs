using System.Text.Json;
using BriefingBot.AI.Offline;
using BriefingBot.AI.Offline.Reader;
using BriefingBot.Core.Answering;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bench;

/// <summary>
/// Reads questions for fitting <see cref="AnswerPointer"/>: for each, the sentences the answer engine would
/// look in are read with the question by MiniLM, and the words where a reference answer starts and ends are
/// the pointer's targets.
/// </summary>
internal static class ReaderTraining
{
    /// <param name="Sentence">Index of the sentence holding a reference answer (-1 when none of them does).</param>
    internal sealed record Example(
        string Question,
        string? Title,
        QuestionAnalysis Analysis,
        IReadOnlyList<AnswerCandidate> Ranked,
        WordStates[] Sentences,
        int Sentence,
        int Start,
        int End,
        string[] SentenceTexts,
        IReadOnlyList<Range>[] Tokens,
        List<string> Truths);

    /// <param name="withStates">False to skip reading the sentences through the model (their states stay empty).</param>
    public static async Task<List<Example>> ReadAsync(IServiceProvider services, string path, int skip, int take, bool withStates = true)
    {
        var answers = (ExtractiveAnswerService)services.GetRequiredService<IAnswerService>();
        var items = File.ReadLines(path).Skip(skip).Take(take).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var examples = new Example?[items.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, ct) =>
        {
            var item = items[i];
            var question = item.GetProperty("question").GetString()!;
            var truths = item.GetProperty("answers").EnumerateArray().Select(a => a.GetString()!).ToList();
            var (analysis, ranked) = await answers.RankContextAsync(question, item.GetProperty("context").GetString()!, ct);
            var close = ExtractiveAnswerService.CloseSentences(analysis, ranked);
            if (close.Count == 0)
            {
                return;
            }

            var texts = close.Select(c => c.Text).ToArray();
            var tokens = texts.Select(SpanExtractor.Tokens).ToArray();
            var (sentence, start, end) = Label(texts, tokens, truths);
            var title = item.GetProperty("title").GetString();
            var states = withStates ? MiniLmReader.Instance.Read(question, texts).ToArray() : [];
            examples[i] = new Example(question, title, analysis, ranked, states, sentence, start, end, texts, tokens, truths);
            if (Interlocked.Increment(ref done) % 500 == 0)
            {
                Console.WriteLine($"  read {done}");
            }
        });
        return examples.Where(e => e is not null).Select(e => e!).ToList();
    }

    private static (int Sentence, int Start, int End) Label(string[] texts, IReadOnlyList<Range>[] tokens, List<string> truths)
    {
        foreach (var truth in truths)
        {
            for (var s = 0; s < texts.Length; s++)
            {
                var at = texts[s].IndexOf(truth, StringComparison.Ordinal);
                if (at < 0 || truth.Length == 0)
                {
                    continue;
                }

                var end = at + truth.Length;
                var first = -1;
                var last = -1;
                for (var w = 0; w < tokens[s].Count; w++)
                {
                    var (from, to) = (tokens[s][w].Start.Value, tokens[s][w].End.Value);
                    if (to > at && from < end)
                    {
                        first = first < 0 ? w : first;
                        last = w;
                    }
                }

                if (first >= 0)
                {
                    return (s, first, last);
                }
            }
        }

        return (-1, -1, -1);
    }

    /// <summary>The pointer for a tuned reader: its start and end head (reader-head.json of a tuning run).</summary>
    public static AnswerPointer PointerFromHead(string headFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(headFile));
        float[] Head(string name) => document.RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetSingle()).ToArray();
        return new AnswerPointer(Head("start"), Head("end"));
    }

    /// <summary>SQuAD F1 of the pointer's best span alone (no entity features).</summary>
    public static double Evaluate(AnswerPointer pointer, List<Example> examples)
    {
        var total = 0.0;
        foreach (var e in examples)
        {
            var best = pointer.Point(e.Sentences)
                .SelectMany((p, s) => p.Best(1).Select(span => (Sentence: s, Span: span)))
                .MaxBy(x => x.Span.LogProbability);
            var tokens = e.Tokens[best.Sentence];
            total += SquadMetric.F1(e.SentenceTexts[best.Sentence][tokens[best.Span.From].Start..tokens[best.Span.To - 1].End], e.Truths);
        }

        return 100 * total / examples.Count;
    }
}
