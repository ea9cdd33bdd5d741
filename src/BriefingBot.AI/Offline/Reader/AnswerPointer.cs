using System.Numerics.Tensors;
using System.Reflection;
using System.Text.Json;

namespace BriefingBot.AI.Offline.Reader;

/// <summary>
/// Scores where an answer starts and ends in a sentence read with its question by <see cref="MiniLmReader"/>:
/// a linear function of each word's state, of the state multiplied by the question's mean state (how the word
/// relates to what is asked) and by its question word's state (what kind of answer is wanted), of the state for the expected answer type (what a date or a person looks like)
/// and of the neighbouring word's state (the word before a start, after an end: "in …", "… said"). The weights
/// are fitted by the benchmark harness (<c>bench train-spans</c>) on SQuAD's article-disjoint training pool and
/// shipped as Offline/Models/answer-pointer.json.
/// </summary>
internal sealed class AnswerPointer
{
    public static readonly int FeatureCount = (4 + Enum.GetValues<AnswerType>().Length) * MiniLmReader.Dimensions;

    /// <summary>Where the neighbouring word's weights start (after the type blocks).</summary>
    internal static readonly int NeighbourOffset = FeatureCount - MiniLmReader.Dimensions;

    private const string ResourceName = "BriefingBot.AI.Offline.Models.answer-pointer.json";
    private static readonly Lazy<AnswerPointer> Embedded = new(Load);

    public AnswerPointer(float[] start, float[] end)
    {
        if (start.Length != FeatureCount || end.Length != FeatureCount)
        {
            throw new ArgumentException($"Expected {FeatureCount} start and end weights.");
        }

        Start = start;
        End = end;
    }

    public static AnswerPointer Default => Embedded.Value;

    public float[] Start { get; }

    public float[] End { get; }

    /// <summary>Start and end scores of each word (very low for words the reader cut off).</summary>
    public (float[] Starts, float[] Ends) Score(WordStates states, AnswerType type)
    {
        var starts = Project(Start, states, type, start: true);
        var ends = Project(End, states, type, start: false);
        return (starts, ends);
    }

    /// <summary>
    /// Log-probabilities of each word starting and ending the answer, normalized over all the words of all the
    /// sentences read for one question (as in training), so sentences compete with each other.
    /// </summary>
    public IReadOnlyList<SentencePointer> Point(IReadOnlyList<WordStates> sentences, AnswerType type)
    {
        var scored = sentences.Select(s => Score(s, type)).ToList();
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

    /// <summary>w·[h; h⊙q; h⊙q_wh; h for the type] computed as (w₁ + w₂⊙q + w₃⊙q_wh + w_type)·h.</summary>
    internal static float[] Effective(float[] weights, WordStates states, AnswerType type)
    {
        var d = MiniLmReader.Dimensions;
        var u = new float[d];
        var v = new float[d];
        TensorPrimitives.Multiply(weights.AsSpan(d, d), states.Question, u);
        TensorPrimitives.Multiply(weights.AsSpan(2 * d, d), states.QuestionWord, v);
        TensorPrimitives.Add(u, v, u);
        TensorPrimitives.Add(u, weights.AsSpan(0, d), u);
        TensorPrimitives.Add(u, weights.AsSpan(TypeOffset(type), d), u);
        return u;
    }

    /// <summary>Where the weights for an answer type start.</summary>
    internal static int TypeOffset(AnswerType type) => (3 + (int)type) * MiniLmReader.Dimensions;

    /// <summary>The word's own state for a start (its first piece) or an end (its last piece).</summary>
    internal static float[]? Own(WordStates states, int word, bool start) => (start ? states.First : states.Last)[word];

    /// <summary>The state beside a start (the previous word's last piece) or an end (the next word's first piece).</summary>
    internal static float[]? Neighbour(WordStates states, int word, bool start) => start
        ? (word > 0 ? states.Last[word - 1] : null)
        : (word + 1 < states.First.Length ? states.First[word + 1] : null);

    /// <summary>One word's score given the question's effective weights <paramref name="u"/>.</summary>
    internal static float WordScore(float[] weights, float[] u, WordStates states, int word, bool start)
    {
        if (Own(states, word, start) is not { } h)
        {
            return -1e4f;
        }

        var score = TensorPrimitives.Dot(u, h);
        if (Neighbour(states, word, start) is { } n)
        {
            score += TensorPrimitives.Dot(weights.AsSpan(NeighbourOffset, MiniLmReader.Dimensions), n);
        }

        return score;
    }

    private static float[] Project(float[] weights, WordStates states, AnswerType type, bool start)
    {
        var u = Effective(weights, states, type);
        var scores = new float[states.First.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = WordScore(weights, u, states, i, start);
        }

        return scores;
    }

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
