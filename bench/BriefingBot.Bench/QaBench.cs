using System.Diagnostics;
using System.Text.Json;
using BriefingBot.Core.Answering;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bench;

/// <summary>
/// Reading comprehension: each question is answered from its own context (ask --batch with "context"),
/// scored with SQuAD's EM/F1. The first half of each file is for tuning, the second half is reported apart.
/// </summary>
internal static class QaBench
{
    /// <summary>BENCH_VERBOSE=1 prints the tuning half's misses (never the reported half).</summary>
    private static readonly bool Verbose = Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1";

    public static async Task RunAsync(string evalDirectory, IReadOnlyList<string> files, int? limit)
    {
        await using var services = BenchServices.CreateTemporary("qa");
        var answers = services.GetRequiredService<IAnswerService>();
        Console.WriteLine($"{"file",-28} {"half",-6} {"n",5} {"EM",6} {"F1",6} {"abstain",8} {"p50 ms",7} {"p95 ms",7} {"sent%",6}");
        foreach (var file in files)
        {
            var items = File.ReadLines(Path.Combine(evalDirectory, file))
                .Select(l => JsonDocument.Parse(l).RootElement.Clone())
                .Take(limit ?? int.MaxValue)
                .ToList();
            var results = new List<(double Em, double F1, bool Abstained, double Ms, bool SentenceHit)>();
            foreach (var item in items)
            {
                var truths = item.GetProperty("answers").EnumerateArray().Select(a => a.GetString()!).ToList();
                var watch = Stopwatch.StartNew();
                var answer = await answers.AnswerAsync(new Question(item.GetProperty("question").GetString()!, Context: item.GetProperty("context").GetString()));
                var ms = watch.Elapsed.TotalMilliseconds;
                var prediction = answer.Span ?? string.Empty;
                var sentenceHit = answer.Citations.Count > 0 && truths.Any(t => answer.Citations[0].Sentence.Contains(t, StringComparison.Ordinal));
                results.Add((SquadMetric.ExactMatch(prediction, truths), SquadMetric.F1(prediction, truths), answer.IsAbstention, ms, sentenceHit));
                if (Verbose && results.Count <= items.Count / 2 && results[^1].F1 < 0.5)
                {
                    Console.WriteLine($"  Q: {item.GetProperty("question").GetString()}\n  P: {prediction}\n  T: {string.Join(" | ", truths.Distinct())}\n  S: {(sentenceHit ? "hit" : "MISS " + answer.Citations.FirstOrDefault()?.Sentence)}");
                }
            }

            var half = results.Count / 2;
            Print(file, "tune", results.Take(half).ToList());
            Print(file, "report", results.Skip(half).ToList());
            Print(file, "all", results);
        }

    }

    /// <summary>A setting of the answer engine tried by <see cref="TuneAsync"/>: its name, the values to try, how to apply one.</summary>
    public sealed record Setting(string Name, double[] Values, Action<double> Apply);

    /// <summary>The tuning halves' F1 (TUNE_FILES, both samples by default) for every combination of the settings' values.</summary>
    public static async Task TuneAsync(string evalDirectory, IReadOnlyList<Setting> settings)
    {
        await using var services = BenchServices.CreateTemporary("tune");
        var answers = services.GetRequiredService<IAnswerService>();
        var names = (Environment.GetEnvironmentVariable("TUNE_FILES") ?? "squad-dev-sample.jsonl,newsqa-sample.jsonl").Split(',');
        var files = names
            .Select(f => File.ReadLines(Path.Combine(evalDirectory, f)).ToList())
            .Select(lines => lines.Take(lines.Count / 2).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList())
            .ToList();
        IEnumerable<double[]> combinations = [[]];
        foreach (var setting in settings)
        {
            combinations = combinations.SelectMany(c => setting.Values.Select(v => (double[])[.. c, v])).ToList();
        }

        foreach (var combination in combinations)
        {
            for (var i = 0; i < settings.Count; i++)
            {
                settings[i].Apply(combination[i]);
            }

            var f1 = new List<double>();
            foreach (var items in files)
            {
                var total = 0.0;
                foreach (var item in items)
                {
                    var truths = item.GetProperty("answers").EnumerateArray().Select(a => a.GetString()!).ToList();
                    var answer = await answers.AnswerAsync(new Question(item.GetProperty("question").GetString()!, Context: item.GetProperty("context").GetString()));
                    total += SquadMetric.F1(answer.Span ?? string.Empty, truths);
                }

                f1.Add(100 * total / items.Count);
            }

            Console.WriteLine(string.Join(", ", settings.Select((s, i) => $"{s.Name} {combination[i]}")) + ": " +
                string.Join(", ", names.Select((n, i) => $"{n} tune F1 {f1[i]:0.0}")));
        }
    }

    private static void Print(string file, string half, List<(double Em, double F1, bool Abstained, double Ms, bool SentenceHit)> results)
    {
        if (results.Count == 0)
        {
            return;
        }

        var ms = results.Select(r => r.Ms).Order().ToList();
        Console.WriteLine(
            $"{file,-28} {half,-6} {results.Count,5} {100 * results.Average(r => r.Em),6:0.0} {100 * results.Average(r => r.F1),6:0.0} " +
            $"{results.Count(r => r.Abstained),8} {Percentile(ms, 0.5),7:0} {Percentile(ms, 0.95),7:0} {100.0 * results.Count(r => r.SentenceHit) / results.Count,6:0.0}");
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
