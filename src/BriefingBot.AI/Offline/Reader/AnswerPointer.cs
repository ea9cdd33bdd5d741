using System.Numerics.Tensors;
using System.Reflection;
using System.Text.Json;

namespace BriefingBot.AI.Offline.Reader;

/// <summary>
/// Scores where an answer starts and ends in a sentence read with its question by <see cref="MiniLmReader"/>: the
/// tuned reader's start and end head, a weight vector each, on the state of a word's first piece (for a start)
/// and of its last piece (for an end). The head is learned with the reader (<c>bench/ReaderTuning</c>) and ships
/// as Offline/Models/answer-pointer.json.
/// </summary>
internal sealed class AnswerPointer
{
    private const string ResourceName = "BriefingBot.AI.Offline.Models.answer-pointer.json";
    private static readonly Lazy<AnswerPointer> Embedded = new(Load);

    public AnswerPointer(float[] start, float[] end)
    {
        if (start.Length != MiniLmReader.Dimensions || end.Length != MiniLmReader.Dimensions)
        {
            throw new ArgumentException($"Expected {MiniLmReader.Dimensions} start and end weights.");
        }

        Start = start;
        End = end;
    }

    public static AnswerPointer Default => Embedded.Value;

    public float[] Start { get; }

    public float[] End { get; }

    /// <summary>Start and end scores of each word (very low for words the reader cut off).</summary>
    public (float[] Starts, float[] Ends) Score(WordStates states) => (Project(Start, states.First), Project(End, states.Last));

    /// <summary>
    /// Log-probabilities of each word starting and ending the answer, normalized over all the words of all the
    /// sentences read for one question (as in training), so sentences compete with each other.
    /// </summary>
    public IReadOnlyList<SentencePointer> Point(IReadOnlyList<WordStates> sentences)
    {
        var scored = sentences.Select(Score).ToList();
        var startNorm = LogSumExp(scored.SelectMany(s => s.Starts));
        var endNorm = LogSumExp(scored.SelectMany(s => s.Ends));
        return scored
            .Select(s => new SentencePointer(s.Starts.Select(x => x - startNorm).ToArray(), s.Ends.Select(x => x - endNorm).ToArray()))
            .ToList();
    }

    private static float LogSumExp(IEnumerable<float> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return 0;
        }

        var max = list.Max();
        return max + (float)Math.Log(list.Sum(v => Math.Exp(v - max)));
    }

    private static float[] Project(float[] weights, float[]?[] states) =>
        states.Select(h => h is null ? -1e4f : TensorPrimitives.Dot(weights, h)).ToArray();

    public string ToJson() => JsonSerializer.Serialize(new { start = Start.Select(w => MathF.Round(w, 5)), end = End.Select(w => MathF.Round(w, 5)) });

    private static AnswerPointer Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Missing embedded resource {ResourceName}.");
        using var document = JsonDocument.Parse(stream);
        float[] Read(string name) => document.RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetSingle()).ToArray();
        return new AnswerPointer(Read("start"), Read("end"));
    }
}

/// <summary>One sentence's per-word log-probabilities of starting and ending the answer.</summary>
internal sealed record SentencePointer(float[] LogStart, float[] LogEnd)
{
    /// <summary>Longest span, in words, the pointer proposes on its own.</summary>
    public const int MaxSpan = 12;

    /// <summary>Log-probability of the answer being tokens from..to-1.</summary>
    public double Span(int from, int to) => from < LogStart.Length && to - 1 < LogEnd.Length ? LogStart[from] + LogEnd[to - 1] : -30;

    /// <summary>The best spans by log-probability (from, to exclusive), best first.</summary>
    public IEnumerable<(int From, int To, double LogProbability)> Best(int count)
    {
        var spans = new List<(int, int, double)>();
        for (var i = 0; i < LogStart.Length; i++)
        {
            for (var j = i; j < Math.Min(LogEnd.Length, i + MaxSpan); j++)
            {
                spans.Add((i, j + 1, LogStart[i] + LogEnd[j]));
            }
        }

        return spans.OrderByDescending(x => x.Item3).Take(count);
    }
}
