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
        QuestionAnalysis Analysis,
        IReadOnlyList<AnswerCandidate> Ranked,
        WordStates[] Sentences,
        int Sentence,
        int Start,
        int End,
        string[] SentenceTexts,
        IReadOnlyList<Range>[] Tokens,
        List<string> Truths);

    public static async Task<List<Example>> ReadAsync(IServiceProvider services, string path, int skip, int take)
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
            var states = MiniLmReader.Instance.Read(question, texts).ToArray();
            examples[i] = new Example(analysis, ranked, states, sentence, start, end, texts, tokens, truths);
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

    /// <summary>SQuAD F1 of the pointer's best span alone (no entity features).</summary>
    public static double Evaluate(AnswerPointer pointer, List<Example> examples)
    {
        var total = 0.0;
        foreach (var e in examples)
        {
            var best = pointer.Point(e.Sentences, e.Analysis.Type)
                .SelectMany((p, s) => p.Best(1).Select(span => (Sentence: s, Span: span)))
                .MaxBy(x => x.Span.LogProbability);
            var tokens = e.Tokens[best.Sentence];
            total += SquadMetric.F1(e.SentenceTexts[best.Sentence][tokens[best.Span.From].Start..tokens[best.Span.To - 1].End], e.Truths);
        }

        return 100 * total / examples.Count;
    }
}

/// <summary>Full-batch Adam on the softmax cross-entropy of the start and end words, both heads at once.</summary>
internal static class AnswerPointerFit
{
    public static AnswerPointer Fit(List<ReaderTraining.Example> data, int epochs, double l2, Action<string> log)
    {
        var n = AnswerPointer.FeatureCount;
        var d = MiniLmReader.Dimensions;
        var start = new float[n];
        var end = new float[n];
        var adam = new[] { new Adam(n), new Adam(n) };
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var gradients = new[] { new double[n], new double[n] };
            var loss = 0.0;
            var gate = new object();
            Parallel.ForEach(
                Partitioner(data.Count),
                range =>
                {
                    var local = new[] { new double[n], new double[n] };
                    var localLoss = 0.0;
                    for (var k = range.From; k < range.To; k++)
                    {
                        var example = data[k];
                        localLoss += Head(start, example, example.Start, first: true, local[0], d);
                        localLoss += Head(end, example, example.End, first: false, local[1], d);
                    }

                    lock (gate)
                    {
                        for (var j = 0; j < n; j++)
                        {
                            gradients[0][j] += local[0][j];
                            gradients[1][j] += local[1][j];
                        }

                        loss += localLoss;
                    }
                });
            adam[0].Step(start, gradients[0], data.Count, l2, epoch, learningRate: 0.01);
            adam[1].Step(end, gradients[1], data.Count, l2, epoch, learningRate: 0.01);
            if (epoch % 25 == 0 || epoch == 1)
            {
                log($"  epoch {epoch}: loss {loss / data.Count / 2:0.0000}");
            }
        }

        return new AnswerPointer(start, end);
    }

    private static IEnumerable<(int From, int To)> Partitioner(int count)
    {
        var size = Math.Max(1, count / 8);
        for (var i = 0; i < count; i += size)
        {
            yield return (i, Math.Min(count, i + size));
        }
    }

    /// <summary>Adds one question's gradient for one head; returns its loss.</summary>
    private static double Head(float[] weights, ReaderTraining.Example example, int word, bool first, double[] gradient, int d)
    {
        var (sentences, target, type) = (example.Sentences, example.Sentence, example.Analysis.Type);
        var typeOffset = AnswerPointer.TypeOffset(type);
        var neighbourOffset = AnswerPointer.NeighbourOffset;
        var scores = new List<(int Sentence, int Word, double Score)>();
        for (var s = 0; s < sentences.Length; s++)
        {
            var u = AnswerPointer.Effective(weights, sentences[s], type);
            for (var w = 0; w < sentences[s].First.Length; w++)
            {
                if (AnswerPointer.Own(sentences[s], w, first) is not null)
                {
                    scores.Add((s, w, AnswerPointer.WordScore(weights, u, sentences[s], w, first)));
                }
            }
        }

        var max = scores.Max(x => x.Score);
        var total = scores.Sum(x => Math.Exp(x.Score - max));
        var loss = 0.0;
        foreach (var (s, w, score) in scores)
        {
            var p = Math.Exp(score - max) / total;
            var isTarget = s == target && w == word;
            if (isTarget)
            {
                loss = -Math.Log(Math.Max(p, 1e-12));
            }

            var c = p - (isTarget ? 1 : 0);
            if (Math.Abs(c) < 1e-6)
            {
                continue;
            }

            var h = AnswerPointer.Own(sentences[s], w, first)!;
            var q = sentences[s].Question;
            var qw = sentences[s].QuestionWord;
            for (var j = 0; j < d; j++)
            {
                gradient[j] += c * h[j];
                gradient[d + j] += c * h[j] * q[j];
                gradient[(2 * d) + j] += c * h[j] * qw[j];
                gradient[typeOffset + j] += c * h[j];
            }

            if (AnswerPointer.Neighbour(sentences[s], w, first) is { } n)
            {
                for (var j = 0; j < d; j++)
                {
                    gradient[neighbourOffset + j] += c * n[j];
                }
            }
        }

        return loss;
    }
}
