using BriefingBot.Core.Text;

namespace BriefingBot.AI.Offline;

/// <summary>How much of a question's vocabulary a sentence shares, on crude stems.</summary>
internal static partial class TermCoverage
{
    public static IReadOnlySet<string> Stems(IEnumerable<string> words) => words.Select(Words.Stem).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The stems of the names a question uses: its capitalized words past the first and words with digits
    /// ("Nakatani", "China", "IP4") — what the sentence that answers it is most likely to repeat.
    /// </summary>
    public static IReadOnlySet<string> Names(string question) => Stems(
        NameCandidates().Matches(question).Skip(1).Select(m => m.Value)
            .Where(w => char.IsUpper(w[0]) || w.Any(char.IsDigit))
            .Select(w => w.ToLowerInvariant())
            .Where(w => !Words.IsStopWord(w)));

    [System.Text.RegularExpressions.GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial System.Text.RegularExpressions.Regex NameCandidates();

    public static double Of(IReadOnlySet<string> questionStems, string sentence, string? title)
    {
        if (questionStems.Count == 0)
        {
            return 0;
        }

        var sentenceStems = Stems(Words.Tokenize(sentence));
        var titleStems = title is null ? (IReadOnlySet<string>)new HashSet<string>() : Stems(Words.Tokenize(title));
        var score = 0.0;
        foreach (var stem in questionStems)
        {
            if (sentenceStems.Contains(stem))
            {
                score += 1;
            }
            else if (titleStems.Contains(stem))
            {
                score += 0.5;
            }
        }

        return score / questionStems.Count;
    }
}
