using System.Text.RegularExpressions;
using BriefingBot.AI.Offline.Entities;
using BriefingBot.Core.Text;

namespace BriefingBot.AI.Offline;

/// <summary>
/// Picks the shortest part of a sentence that answers a question. Candidates are the sentence's entities and
/// its phrase chunks (text between punctuation, verbs of being, relative words and prepositions); each is
/// scored on whether its kind fits the expected answer type, how close it sits to the words the question
/// shares with the sentence, how little of the question it repeats, and its length.
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

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[’'\-.,][\p{L}\p{N}]+)*%?|[^\s\p{L}\p{N}]", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    private sealed record Token(string Text, int Start, bool IsWord)
    {
        public int End => Start + Text.Length;
    }

    /// <summary>The best answering span of <paramref name="sentence"/> and its score, or null when none fits.</summary>
    public static (string Span, double Score)? Best(QuestionAnalysis question, string sentence, IReadOnlySet<string> questionStems)
    {
        var tokens = TokenPattern().Matches(sentence).Select(m => new Token(m.Value, m.Index, char.IsLetterOrDigit(m.Value[0]))).ToList();
        if (tokens.Count == 0)
        {
            return null;
        }

        var matched = tokens.Select(t => t.IsWord && !Words.IsStopWord(t.Text) && questionStems.Contains(Words.Stem(t.Text.ToLowerInvariant()))).ToArray();
        var kinds = question.EntityKinds;
        var candidates = new List<(int From, int To, EntityKind? Kind)>();
        foreach (var entity in EntityRecognizer.Recognize(sentence))
        {
            var from = tokens.FindIndex(t => t.End > entity.Start);
            var to = tokens.FindLastIndex(t => t.Start < entity.End);
            if (from >= 0 && to >= from)
            {
                candidates.Add((from, to + 1, entity.Kind));
            }
        }

        foreach (var (from, to) in Chunks(tokens))
        {
            candidates.Add((from, to, null));
        }

        (string Span, double Score)? best = null;
        foreach (var (from0, to0, kind) in candidates)
        {
            var (from, to) = Trim(tokens, from0, to0);
            if (from >= to)
            {
                continue;
            }

            var length = to - from;
            var repeated = Enumerable.Range(from, length).Count(i => matched[i]) / (double)length;
            if (repeated >= 0.999)
            {
                continue;
            }

            var distance = Distance(matched, from, to);
            var score = (1.2 / (1 + (distance / 3.0))) - (1.6 * repeated) - (0.08 * Math.Max(0, length - 3));
            score += TypeFit(kinds, kind, sentence[tokens[from].Start..tokens[to - 1].End]);

            var span = sentence[tokens[from].Start..tokens[to - 1].End];
            if (best is null || score > best.Value.Score)
            {
                best = (span, score);
            }
        }

        return best;
    }

    private static readonly HashSet<EntityKind> ProperNames = [EntityKind.Person, EntityKind.Organization, EntityKind.Place, EntityKind.Country];
    private static readonly HashSet<EntityKind> Quantities = [EntityKind.Number, EntityKind.Money, EntityKind.Percent];

    /// <summary>
    /// How well a candidate's kind fits the expected kinds. Rule-based recognition often confuses kinds of proper
    /// names (a team read as a person), so a proper name of another kind still fits a name question, less well.
    /// </summary>
    private static double TypeFit(IReadOnlySet<EntityKind> expected, EntityKind? kind, string text)
    {
        if (expected.Count == 0)
        {
            return kind is null ? 0 : 0.15;
        }

        if (kind is { } k)
        {
            if (expected.Contains(k))
            {
                return 1.5;
            }

            if ((ProperNames.Contains(k) && expected.Overlaps(ProperNames)) || (Quantities.Contains(k) && expected.Overlaps(Quantities)))
            {
                return 0.9;
            }

            return -0.8;
        }

        // A chunk: it may still hold the answer (a capitalized name the recognizer missed, a written number).
        var capitalized = char.IsUpper(text[0]);
        var digit = text.Any(char.IsDigit);
        if ((expected.Overlaps(ProperNames) && capitalized) || ((expected.Overlaps(Quantities) || expected.Contains(EntityKind.Date)) && digit))
        {
            return 0.4;
        }

        return -0.6;
    }

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

    /// <summary>Tokens between the span and the nearest question word of the sentence (large when there is none).</summary>
    private static double Distance(bool[] matched, int from, int to)
    {
        var best = double.MaxValue;
        for (var i = 0; i < matched.Length; i++)
        {
            if (!matched[i] || (i >= from && i < to))
            {
                continue;
            }

            var d = i < from ? from - i : i - to + 1;
            best = Math.Min(best, d);
        }

        return best == double.MaxValue ? 12 : best;
    }
}
