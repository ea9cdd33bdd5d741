using BriefingBot.Bench;
using Answers = BriefingBot.AI.Offline.ExtractiveAnswerService;

// Benchmark harness: prints figures, is not part of the test run. Settings can be overridden from the
// environment as for the host (e.g. Ai__Reader=false).
//   dotnet run -c Release --project bench/BriefingBot.Bench -- qa [--limit N]
var eval = Environment.GetEnvironmentVariable("BRIEFINGBOT_EVAL") ?? Path.GetFullPath(Path.Combine("..", "shared", "eval"));
var command = args.FirstOrDefault() ?? "help";
int? limit = args.SkipWhile(a => a != "--limit").Skip(1).Select(int.Parse).Cast<int?>().FirstOrDefault();
switch (command)
{
    case "qa":
        if (Environment.GetEnvironmentVariable("READ_MARGINS") is not null)
        {
            UseReadMargin(ReadMargins().First());
        }

        await QaBench.RunAsync(eval, ["squad-dev-sample.jsonl", "newsqa-sample.jsonl"], limit);
        return 0;
    case "qa-squad":
        await QaBench.RunAsync(eval, ["squad-dev-sample.jsonl"], limit);
        return 0;
    case "tune-answers":
        // Each setting's values from the environment (comma-separated), else the engine's own.
        QaBench.Setting Grid(string name, double engine, Action<double> apply) =>
            new(name, (Environment.GetEnvironmentVariable(name) ?? engine.ToString(System.Globalization.CultureInfo.InvariantCulture)).Split(',').Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray(), apply);
        await QaBench.TuneAsync(eval,
        [
            Grid("RANKER_WEIGHTS", Answers.RankerWeight, v => Answers.RankerWeight = v),
            Grid("TYPED_SLACKS", Answers.TypedSlack, v => Answers.TypedSlack = v),
            Grid("NAME_WEIGHTS", Answers.NameWeight, v => Answers.NameWeight = v),
            Grid("LEAD_SENTENCES", Answers.LeadSentences, v => Answers.LeadSentences = (int)v),
        ]);
        return 0;
    case "coverage":
        // Diagnostic: how often a reference answer is in the sentences the engine looks at (tuning halves).
        foreach (var (margin, file, half) in ReadMargins().SelectMany(m => new[] { (m, "squad-dev-sample.jsonl", 300), (m, "newsqa-sample.jsonl", 150) }))
        {
            UseReadMargin(margin);
            await using var services = BenchServices.CreateTemporary("coverage");
            var read = await ReaderTraining.ReadAsync(services, Path.Combine(eval, file), 0, half, withStates: false);
            Console.WriteLine($"margin {margin}: {file}: answer in a sentence looked at for {read.Count(e => e.Sentence >= 0)} of {half}; sentences looked at {read.Average(e => e.SentenceTexts.Length):0.0} on average");
        }

        return 0;
    case "reader-alone":
        // Diagnostic: SQuAD F1 of the reader's best span alone on the tuning halves (READ_MARGINS, READ_SENTENCES).
        foreach (var margin in ReadMargins())
        {
            UseReadMargin(margin);
            await using var services = BenchServices.CreateTemporary("alone");
            var squad = await ReaderTraining.ReadAsync(services, Path.Combine(eval, "squad-dev-sample.jsonl"), 0, 300);
            var newsqa = await ReaderTraining.ReadAsync(services, Path.Combine(eval, "newsqa-sample.jsonl"), 0, 150);
            var pointer = BriefingBot.AI.Offline.Reader.AnswerPointer.Default;
            Console.WriteLine($"margin {margin}: reader alone F1 SQuAD tune {ReaderTraining.Evaluate(pointer, squad) * squad.Count / 300:0.0}, NewsQA tune {ReaderTraining.Evaluate(pointer, newsqa) * newsqa.Count / 150:0.0}");
        }

        return 0;
    case "qa-newsqa":
        await QaBench.RunAsync(eval, ["newsqa-sample.jsonl"], limit);
        return 0;
    case "qa-pool":
        await QaBench.RunAsync(eval, ["squad-train-pool.jsonl"], limit);
        return 0;
    case "summaries":
        await SummaryBench.RunAsync(eval, limit);
        return 0;
    case "corpus":
        await CorpusBench.RunAsync(eval, "samples", Path.Combine("bench", ".cache"), limit ?? 200);
        return 0;
    case "ingest":
        await IngestBench.RunAsync(eval, limit ?? 2225);
        return 0;
    case "load":
        await LoadBench.RunAsync(
            conversations: limit ?? 40,
            turns: args.SkipWhile(a => a != "--turns").Skip(1).Select(int.Parse).FirstOrDefault(8),
            faultRate: 0.10,
            postgres: args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault());
        return 0;
    case "entities":
        // Diagnostic: the entities the recognizer finds in a sentence.
        foreach (var entity in BriefingBot.AI.Offline.Entities.EntityRecognizer.Recognize(string.Join(' ', args.Skip(1))))
        {
            Console.WriteLine($"{entity.Kind,-13} {entity.Text} -> {entity.Canonical}");
        }

        return 0;
    case "explain":
        // Diagnostic: explain QUESTION --context FILE
        await ExplainSpans.RunAsync(args[1], args.SkipWhile(a => a != "--context").Skip(1).First());
        return 0;
    case "tune-summaries":
        await SummaryBench.TuneAsync(eval, limit);
        return 0;
    case "export-reader-data":
        // Input for the reader tuning tool: export-reader-data FILE (READ_MARGINS, READ_SENTENCES: which sentences are read)
        UseReadMargin(ReadMargins().First());
        await ReaderDataExport.RunAsync(eval, args[1], limit);
        return 0;
    case "train-spans":
        await SpanRankerTraining.RunAsync(eval, Models, limit);
        return 0;
    case "install-reader":
        // install-reader DIR: ship a reader tuning run's weights and head.
        File.Copy(Path.Combine(args[1], "answer-reader.bin"), Path.Combine(Models, "answer-reader.bin"), overwrite: true);
        await File.WriteAllTextAsync(Path.Combine(Models, "answer-pointer.json"), ReaderTraining.PointerFromHead(Path.Combine(args[1], "reader-head.json")).ToJson());
        Console.WriteLine($"installed the reader tuned in {args[1]} into {Models}");
        return 0;
    default:
        Console.Error.WriteLine("usage: BriefingBot.Bench qa|qa-squad|qa-pool|summaries|corpus|ingest|load|tune-summaries|train-spans [--limit N]   (eval data from ../shared/eval or BRIEFINGBOT_EVAL)");
        return 2;
}

internal static partial class Program
{
    private static readonly string Models = Path.Combine("src", "BriefingBot.AI", "Offline", "Models");

    /// <summary>The read margins to try (READ_MARGINS, comma-separated; the engine's 0.2 by default).</summary>
    private static IEnumerable<double> ReadMargins() =>
        (Environment.GetEnvironmentVariable("READ_MARGINS") ?? "0.2").Split(',').Select(m => double.Parse(m, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Which sentences the engine reads: those within the margin of the best, at most READ_SENTENCES (5).</summary>
    private static void UseReadMargin(double margin)
    {
        BriefingBot.AI.Offline.ExtractiveAnswerService.ReadMargin = margin;
        BriefingBot.AI.Offline.ExtractiveAnswerService.ReadSentences = int.Parse(Environment.GetEnvironmentVariable("READ_SENTENCES") ?? "5");
    }
}
