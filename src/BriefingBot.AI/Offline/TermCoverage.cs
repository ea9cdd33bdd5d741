using BriefingBot.Core.Text;

namespace BriefingBot.AI.Offline;

/// <summary>How much of a question's vocabulary a sentence shares, on crude stems.</summary>
internal static class TermCoverage
{
    public static IReadOnlySet<string> Stems(IEnumerable<string> words) => words.Select(Words.Stem).ToHashSet(StringComparer.Ordinal);

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
