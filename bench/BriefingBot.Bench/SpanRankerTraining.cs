using BriefingBot.AI.Offline;
using BriefingBot.AI.Offline.Reader;

namespace BriefingBot.Bench;

/// <summary>
/// Fits the span ranker's weights on SQuAD's article-disjoint training pool, without the reader: the ranker
/// answers alone when the reader is off or busy, and beside the reader it adds what span features say to the
/// reader's log-probability (the reader was tuned on the same pool, so its scores there would be overconfident). Every candidate span of the top sentences is a row of features;
/// the candidates with the best F1 against the reference answers are the positives; a conditional logit
/// (softmax over each question's candidates) is fitted with Adam and L2.
/// </summary>
internal static class SpanRankerTraining
{
    public static async Task RunAsync(string evalDirectory, string models, int? limit)
    {
        await using var services = BenchServices.CreateTemporary("train");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var examples = await ReaderTraining.ReadAsync(services, Path.Combine(evalDirectory, "squad-train-pool.jsonl"), 0, limit ?? int.MaxValue, withStates: false);
        Console.WriteLine($"read {examples.Count} questions ({examples.Count(e => e.Sentence >= 0)} with the answer in a sentence looked at) in {watch.Elapsed.TotalSeconds:0} s");

        var data = new List<(float[][] Features, bool[] Positive)>();
        for (var k = 0; k < examples.Count; k++)
        {
            var e = examples[k];
            var candidates = ExtractiveAnswerService.SpanCandidates(e.Analysis, e.Ranked, ExtractiveAnswerService.CloseSentences(e.Analysis, e.Ranked), pointers: null).Select(c => c.Span).ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            var f1 = candidates.Select(c => SquadMetric.F1(c.Text, e.Truths)).ToArray();
            var max = f1.Max();
            if (max > 0)
            {
                data.Add((candidates.Select(c => c.Features).ToArray(), f1.Select(x => x >= max - 1e-9).ToArray()));
            }
        }

        Console.WriteLine($"questions {examples.Count}, with a positive candidate {data.Count}, candidates {data.Sum(d => d.Features.Length)}");
        var weights = new float[SpanExtractor.FeatureCount];
        Fit(data, weights, epochs: 300, learningRate: 0.05, l2: 1e-4);
        Console.WriteLine($"after:  top-1 hits a best candidate in {100 * Accuracy(data, weights):0.0}% of questions");
        var output = Path.Combine(models, "span-ranker.json");
        await File.WriteAllTextAsync(output, System.Text.Json.JsonSerializer.Serialize(weights.Select(w => MathF.Round(w, 5))));
        Console.WriteLine($"wrote {weights.Length} weights to {output}");
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
        var adam = new Adam(n);
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

            adam.Step(weights, gradient, data.Count, l2, epoch, learningRate);

            if (epoch % 50 == 0)
            {
                Console.WriteLine($"  epoch {epoch}: loss {loss / data.Count:0.0000}");
            }
        }
    }

    private static double Dot(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.Dot(a.AsSpan(), b.AsSpan());
}
