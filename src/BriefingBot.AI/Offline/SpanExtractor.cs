using System.Text.RegularExpressions;
using BriefingBot.AI.Offline.Entities;
using BriefingBot.AI.Offline.Reader;
using BriefingBot.Core.Text;

namespace BriefingBot.AI.Offline;

/// <summary>
/// Proposes the parts of a sentence that could answer a question — its entities and its phrase chunks (text
/// between punctuation, verbs of being, relative words and prepositions) — and describes each with features:
/// whether its kind fits the expected answer type, how close it sits to the words the question shares with
/// the sentence, how much of the question it repeats, its length and its neighbours. <see cref="SpanRanker"/>
/// weighs the features.
/// </summary>
internal static partial class SpanExtractor
{
    private static readonly HashSet<string> Boundaries = new(StringComparer.OrdinalIgnoreCase)
    {
        "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would",
        "can", "could", "should", "may", "might", "must", "that", "which", "who", "whom", "whose", "when", "where",
        "while", "because", "although", "though", "if", "but", "and", "or", "as", "than", "said", "says", "after",
        "before", "since", "until", "during", "also", "not", "it", "its", "they", "their", "he", "his", "she", "her",
        "this", "these", "those", "there", "then", "so", "such", "both", "either", "neither",
    };

    private static readonly HashSet<string> Prepositions = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "on", "at", "by", "for", "from", "to", "with", "into", "onto", "over", "under", "about", "against",
        "between", "through", "across", "within", "without", "of", "per", "via", "among", "around", "near",
    };

    private static readonly HashSet<string> Leading = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "some", "any", "each", "every", "all", "only", "just", "about", "around", "nearly",
    };

    private static readonly HashSet<EntityKind> ProperNames = [EntityKind.Person, EntityKind.Organization, EntityKind.Place, EntityKind.Country];
    private static readonly HashSet<EntityKind> Quantities = [EntityKind.Number, EntityKind.Money, EntityKind.Percent];
    private static readonly string[] WhWords = ["who", "what", "when", "where", "which", "why", "how", "other"];
    private static readonly int AnswerTypes = Enum.GetValues<AnswerType>().Length;
    private static readonly int EntityKinds = Enum.GetValues<EntityKind>().Length;

    /// <summary>Index of the "place after in/at" feature; the next is "time after on/in".</summary>
    internal const int LeadInFeature = 28;

    /// <summary>Number of features each candidate carries.</summary>
    public static readonly int FeatureCount = 30 + (AnswerTypes * (EntityKinds + 1)) + (WhWords.Length * 4);

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[’'\-.,][\p{L}\p{N}]+)*%?|[^\s\p{L}\p{N}]", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    private sealed record Token(string Text, int Start, bool IsWord)
    {
        public int End => Start + Text.Length;
    }

    /// <summary>The sentence's tokens (words and punctuation marks) as character ranges; candidates span whole tokens.</summary>
    public static IReadOnlyList<Range> Tokens(string sentence) =>
        TokenPattern().Matches(sentence).Select(m => new Range(m.Index, m.Index + m.Length)).ToList();

    /// <summary>The answer candidates of one sentence with their features.</summary>
    /// <param name="sentenceRank">0 for the best-ranked sentence, 1 for the next...</param>
    /// <param name="sentenceGap">How far the sentence's score is below the best sentence's (≥ 0).</param>
    /// <param name="pointer">The reader's start/end log-probabilities for the sentence's tokens, when it was read.</param>
    public static IReadOnlyList<SpanCandidate> Candidates(QuestionAnalysis question, string sentence, IReadOnlySet<string> questionStems, int sentenceRank, double sentenceGap, SentencePointer? pointer = null)
    {
        var tokens = TokenPattern().Matches(sentence).Select(m => new Token(m.Value, m.Index, char.IsLetterOrDigit(m.Value[0]))).ToList();
        if (tokens.Count == 0)
        {
            return [];
        }

        var matched = tokens.Select(t => t.IsWord && !Words.IsStopWord(t.Text) && questionStems.Contains(Words.Stem(t.Text.ToLowerInvariant()))).ToArray();
        var spans = new List<(int From, int To, EntityKind? Kind)>();
        // A demonym ("Ukrainian") describes something; it does not answer "where" or "which country".
        foreach (var entity in EntityRecognizer.Recognize(sentence).Where(e => !Gazetteer.Instance.IsDemonym(e.Text)))
        {
            var from = tokens.FindIndex(t => t.End > entity.Start);
            var to = tokens.FindLastIndex(t => t.Start < entity.End);
            if (from >= 0 && to >= from)
            {
                spans.Add((from, to + 1, entity.Kind));
            }
        }

        foreach (var (from, to) in Chunks(tokens))
        {
            spans.Add((from, to, null));
        }

        // The reader's own best guesses, whatever their boundaries.
        foreach (var (from, to, _) in pointer?.Best(3) ?? [])
        {
            spans.Add((from, to, null));
        }

        var candidates = new List<SpanCandidate>();
        var seen = new HashSet<(int, int, EntityKind?)>();
        var source = Dateline.Source(sentence);
        foreach (var (from0, to0, kind) in spans)
        {
            // "(CNN) --" names who filed the story, not an answer.
            if (source is { } filed && tokens[from0].Start < filed.End.Value && tokens[to0 - 1].End > filed.Start.Value)
            {
                continue;
            }

            // A person never answers "where".
            if (question.Type == AnswerType.Place && kind == EntityKind.Person)
            {
                continue;
            }

            var (from, to) = Trim(tokens, from0, to0);
            if (from >= to || !seen.Add((from, to, kind)))
            {
                continue;
            }

            var length = to - from;
            var repeated = Enumerable.Range(from, length).Count(i => matched[i]) / (double)length;
            if (repeated >= 0.999)
            {
                continue;
            }

            var text = sentence[tokens[from].Start..tokens[to - 1].End];
            var features = Features(question, tokens, matched, from, to, kind, text, repeated, sentenceRank, sentenceGap);
            candidates.Add(new SpanCandidate(text, features, from, to, pointer is null ? null : Math.Max(pointer.Span(from, to), -30)));
        }

        return candidates;
    }

    private static float[] Features(QuestionAnalysis question, List<Token> tokens, bool[] matched, int from, int to, EntityKind? kind, string text, double repeated, int sentenceRank, double sentenceGap)
    {
        var f = new float[FeatureCount];
        var expected = question.EntityKinds;
        var length = to - from;
        var distance = Distance(matched, from, to);
        var capitalized = char.IsUpper(text[0]);
        var digit = text.Any(char.IsDigit);
        var exact = kind is { } k1 && expected.Contains(k1);
        var compatible = kind is { } k2 && !exact && Compatible(expected, k2);
        var previous = from > 0 ? tokens[from - 1].Text : string.Empty;
        var next = to < tokens.Count ? tokens[to].Text : string.Empty;

        var i = 0;
        f[i++] = exact ? 1 : 0;
        f[i++] = compatible ? 1 : 0;
        f[i++] = kind is not null && expected.Count > 0 && !exact && !compatible ? 1 : 0;
        f[i++] = kind is null && expected.Count > 0 ? 1 : 0;
        f[i++] = kind is not null && expected.Count == 0 ? 1 : 0;
        f[i++] = capitalized ? 1 : 0;
        f[i++] = digit ? 1 : 0;
        f[i++] = (float)repeated;
        f[i++] = repeated > 0 ? 1 : 0;
        f[i++] = (float)(1 / (1 + (distance / 3.0)));
        f[i++] = (float)Math.Min(distance, 12) / 12f;
        f[i++] = distance >= 12 ? 1 : 0;
        f[i++] = length == 1 ? 1 : 0;
        f[i++] = length is 2 or 3 ? 1 : 0;
        f[i++] = length is >= 4 and <= 6 ? 1 : 0;
        f[i++] = length >= 7 ? 1 : 0;
        f[i++] = Math.Min(length, 20) / 20f;
        f[i++] = sentenceRank == 0 ? 1 : 0;
        f[i++] = sentenceRank == 1 ? 1 : 0;
        f[i++] = (float)sentenceGap;
        f[i++] = from > 0 && matched[from - 1] ? 1 : 0;
        f[i++] = to < matched.Length && matched[to] ? 1 : 0;
        f[i++] = Prepositions.Contains(previous) ? 1 : 0;
        f[i++] = previous is "in" or "on" or "at" or "In" or "On" or "At" ? 1 : 0;
        f[i++] = previous is "," or "(" ? 1 : 0;
        f[i++] = next is "," or "." or ")" ? 1 : 0;
        f[i++] = from / (float)tokens.Count;
        f[i++] = Enumerable.Range(from, length).Any(j => !tokens[j].IsWord) ? 1 : 0;

        // "where …?" — "in Brussels"; "when …?" — "on Thursday": the asked-for kind after the preposition that
        // introduces it.
        f[i++] = exact && question.Type == AnswerType.Place && previous.ToLowerInvariant() is "in" or "at" or "near" or "outside" or "inside" or "from" ? 1 : 0;
        f[i++] = exact && question.Type == AnswerType.Date && previous.ToLowerInvariant() is "on" or "in" or "at" or "since" or "until" or "by" or "from" ? 1 : 0;

        // The expected answer type crossed with the candidate's kind (or "chunk").
        var kindIndex = kind is { } k3 ? (int)k3 : EntityKinds;
        f[i + ((int)question.Type * (EntityKinds + 1)) + kindIndex] = 1;
        i += AnswerTypes * (EntityKinds + 1);

        // The wh-word crossed with the candidate's surface shape.
        var wh = Array.IndexOf(WhWords, question.WhWord);
        var offset = i + ((wh < 0 ? WhWords.Length - 1 : wh) * 4);
        f[offset] = capitalized ? 1 : 0;
        f[offset + 1] = digit ? 1 : 0;
        f[offset + 2] = kind is null ? 1 : 0;
        f[offset + 3] = (float)(1 / (1 + (distance / 3.0)));
        return f;
    }

    /// <summary>
    /// Kinds the rule-based recognizer confuses with the expected one: names of organizations, places and
    /// countries with each other, people with organizations (a team read as a person), quantities with each other.
    /// A person never answers "where", nor a place "who".
    /// </summary>
    private static bool Compatible(IReadOnlySet<EntityKind> expected, EntityKind kind) => kind switch
    {
        EntityKind.Person => expected.Contains(EntityKind.Organization),
        EntityKind.Organization => expected.Overlaps(ProperNames),
        EntityKind.Place or EntityKind.Country => expected.Contains(EntityKind.Organization) || expected.Contains(EntityKind.Place) || expected.Contains(EntityKind.Country),
        _ => Quantities.Contains(kind) && expected.Overlaps(Quantities),
    };

    /// <summary>Runs of words between punctuation and boundary words, and the same runs cut at prepositions.</summary>
    private static IEnumerable<(int From, int To)> Chunks(List<Token> tokens)
    {
        var start = 0;
        for (var i = 0; i <= tokens.Count; i++)
        {
            var boundary = i == tokens.Count || !tokens[i].IsWord || Boundaries.Contains(tokens[i].Text);
            if (!boundary)
            {
                continue;
            }

            if (i > start)
            {
                yield return (start, i);
                var subStart = start;
                for (var j = start; j <= i; j++)
                {
                    if (j == i || Prepositions.Contains(tokens[j].Text))
                    {
                        if (j > subStart && (subStart != start || j != i))
                        {
                            yield return (subStart, j);
                        }

                        subStart = j + 1;
                    }
                }
            }

            start = i + 1;
        }
    }

    private static (int From, int To) Trim(List<Token> tokens, int from, int to)
    {
        while (from < to && (!tokens[from].IsWord || Leading.Contains(tokens[from].Text) || Prepositions.Contains(tokens[from].Text)))
        {
            from++;
        }

        while (to > from && (!tokens[to - 1].IsWord || Prepositions.Contains(tokens[to - 1].Text) || Leading.Contains(tokens[to - 1].Text)))
        {
            to--;
        }

        return (from, to);
    }

    /// <summary>Tokens between the span and the nearest question word of the sentence (12 when there is none).</summary>
    private static double Distance(bool[] matched, int from, int to)
    {
        var best = 12.0;
        for (var i = 0; i < matched.Length; i++)
        {
            if (matched[i] && (i < from || i >= to))
            {
                best = Math.Min(best, i < from ? from - i : i - to + 1);
            }
        }

        return best;
    }
}

/// <summary>A possible answer span and its features for <see cref="SpanRanker"/>.</summary>
/// <param name="From">Index of its first token in <see cref="SpanExtractor.Tokens"/> of its sentence.</param>
/// <param name="To">Index after its last token.</param>
/// <param name="ReaderLogProbability">The reader's log-probability of the span being the answer; null when its sentence was not read.</param>
internal sealed record SpanCandidate(string Text, float[] Features, int From, int To, double? ReaderLogProbability = null)
{
    /// <summary>True when the span is an entity of the kind the question asks for (the first feature).</summary>
    public bool MatchesExpectedType => Features[0] > 0;

    /// <summary>A place or time of the asked-for kind introduced by its preposition ("in Brussels", "on Thursday").</summary>
    public bool IntroducedAsAsked => Features[SpanExtractor.LeadInFeature] > 0 || Features[SpanExtractor.LeadInFeature + 1] > 0;
}
