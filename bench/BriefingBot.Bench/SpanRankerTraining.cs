using System.Text.Json;
using BriefingBot.AI.Offline;
using BriefingBot.Core.Answering;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bench;

/// <summary>
/// Fits the span ranker's weights on SQuAD's article-disjoint training pool: every candidate span of the top
/// sentences is a row of features; the candidates with the best F1 against the reference answers are the
/// positives; a conditional logit (softmax over each question's candidates) is fitted with Adam and L2.
/// </summary>
internal static class SpanRankerTraining
{
    public static async Task RunAsync(string evalDirectory, string output, int? limit)
    {
        var database = Path.Combine(Path.GetTempPath(), $"briefingbot-bench-train-{Environment.ProcessId}.db");
        await using var services = BenchServices.Create(database);
        var answers = (ExtractiveAnswerService)services.GetRequiredService<IAnswerService>();
        var items = File.ReadLines(Path.Combine(evalDirectory, "squad-train-pool.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .Take(limit ?? int.MaxValue)
            .ToList();

        var groups = new (float[][] Features, bool[] Positive)?[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, ct) =>
        {
            var item = items[i];
            var truths = item.GetProperty("answers").EnumerateArray().Select(a => a.GetString()!).ToList();
            var (analysis, sentences) = await answers.RankContextAsync(item.GetProperty("question").GetString()!, item.GetProperty("context").GetString()!, ct);
            var candidates = ExtractiveAnswerService.SpanCandidates(analysis, sentences).Select(c => c.Span).ToList();
            if (candidates.Count == 0)
            {
                return;
            }

            var f1 = candidates.Select(c => SquadMetric.F1(c.Text, truths)).ToArray();
            var max = f1.Max();
            if (max <= 0)
            {
                return;
            }

            groups[i] = (candidates.Select(c => c.Features).ToArray(), f1.Select(x => x >= max - 1e-9).ToArray());
        });

        var data = groups.Where(g => g is not null).Select(g => g!.Value).ToList();
        Console.WriteLine($"questions {items.Count}, with a positive candidate {data.Count}, candidates {data.Sum(d => d.Features.Length)}");
        var weights = (float[])SpanRanker.Default.Weights.Clone();
        Console.WriteLine($"before: top-1 hits a best candidate in {100 * Accuracy(data, weights):0.0}% of questions");
        Fit(data, weights, epochs: 300, learningRate: 0.05, l2: 1e-4);
        Console.WriteLine($"after:  top-1 hits a best candidate in {100 * Accuracy(data, weights):0.0}% of questions");
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(weights.Select(w => MathF.Round(w, 5))));
        Console.WriteLine($"wrote {weights.Length} weights to {output}");
        File.Delete(database);
    }

    private static double Accuracy(List<(float[][] Features, bool[] Positive)> data, float[] weights)
    {
        var hits = 0;
        foreach (var (features, positive) in data)
        {
            var best = 0;
            var bestScore = double.MinValue;
            for (var i = 0; i < features.Length; i++)
            {
                var score = Dot(weights, features[i]);
                if (score > bestScore)
                {
                    (best, bestScore) = (i, score);
                }
            }

            hits += positive[best] ? 1 : 0;
        }

        return hits / (double)data.Count;
    }

    /// <summary>Full-batch Adam on the negative log-likelihood of the positives under a per-question softmax.</summary>
    private static void Fit(List<(float[][] Features, bool[] Positive)> data, float[] weights, int epochs, double learningRate, double l2)
    {
        var n = weights.Length;
        var m = new double[n];
        var v = new double[n];
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var gradient = new double[n];
            var loss = 0.0;
            foreach (var (features, positive) in data)
            {
                var scores = features.Select(f => Dot(weights, f)).ToArray();
                var max = scores.Max();
                var exp = scores.Select(s => Math.Exp(s - max)).ToArray();
                var total = exp.Sum();
                var positiveTotal = exp.Where((_, i) => positive[i]).Sum();
                loss -= Math.Log(positiveTotal / total);
                for (var i = 0; i < features.Length; i++)
                {
                    // d(-log(P+/P))/ds_i = p_i - (positive ? q_i : 0), q_i = exp_i / positiveTotal.
                    var coefficient = (exp[i] / total) - (positive[i] ? exp[i] / positiveTotal : 0);
                    if (coefficient == 0)
                    {
                        continue;
                    }

                    var f = features[i];
                    for (var j = 0; j < n; j++)
                    {
                        if (f[j] != 0)
                        {
                            gradient[j] += coefficient * f[j];
                        }
                    }
                }
            }

            for (var j = 0; j < n; j++)
            {
                var g = (gradient[j] / data.Count) + (l2 * weights[j]);
                m[j] = (0.9 * m[j]) + (0.1 * g);
                v[j] = (0.999 * v[j]) + (0.001 * g * g);
                var mHat = m[j] / (1 - Math.Pow(0.9, epoch));
                var vHat = v[j] / (1 - Math.Pow(0.999, epoch));
                weights[j] -= (float)(learningRate * mHat / (Math.Sqrt(vHat) + 1e-8));
            }

            if (epoch % 50 == 0)
            {
                Console.WriteLine($"  epoch {epoch}: loss {loss / data.Count:0.0000}");
            }
        }
    }

    private static double Dot(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.Dot(a.AsSpan(), b.AsSpan());
}
