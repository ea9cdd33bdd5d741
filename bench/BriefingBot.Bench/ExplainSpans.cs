using BriefingBot.AI.Offline;
using BriefingBot.AI.Offline.Reader;
using BriefingBot.Core.Answering;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bench;

/// <summary>Diagnostic: the span candidates for a question over a text file, best first, with the reader's view.</summary>
internal static class ExplainSpans
{
    public static async Task RunAsync(string question, string contextFile)
    {
        await using var services = BenchServices.CreateTemporary("explain");
        var answers = (ExtractiveAnswerService)services.GetRequiredService<IAnswerService>();
        var (analysis, ranked) = await answers.RankContextAsync(question, await File.ReadAllTextAsync(contextFile), CancellationToken.None);
        Console.WriteLine($"type {analysis.Type}, kinds {string.Join(",", analysis.EntityKinds)}, wh {analysis.WhWord}");
        var close = ExtractiveAnswerService.CloseSentences(analysis, ranked);
        foreach (var c in close)
        {
            Console.WriteLine($"  {c.Score:0.000} (sem {c.Semantic:0.000}, cov {c.Coverage:0.000}) {c.Text}");
        }

        var pointers = AnswerPointer.Default.Point(MiniLmReader.Instance.Read(question, close.Select(c => c.Text).ToList()));
        var ranker = SpanRanker.Default;
        foreach (var (sentence, span) in ExtractiveAnswerService.SpanCandidates(analysis, ranked, close, pointers)
            .OrderByDescending(x => ranker.Score(x.Span)).Take(int.TryParse(Environment.GetEnvironmentVariable("EXPLAIN_TOP"), out var top) ? top : 12))
        {
            Console.WriteLine($"{ranker.Score(span),7:0.00}  typed {span.MatchesExpectedType,-5} lead {span.IntroducedAsAsked,-5} logp {span.ReaderLogProbability,6:0.0}  {span.Text}   [{sentence.Text[..Math.Min(50, sentence.Text.Length)]}]");
        }

    }
}
