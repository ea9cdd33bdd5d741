using System.Text;
using System.Text.RegularExpressions;

namespace BriefingBot.Bench;

/// <summary>SQuAD v1.1's official answer normalization, exact match and token F1.</summary>
internal static partial class SquadMetric
{
    [GeneratedRegex(@"\b(a|an|the)\b")]
    private static partial Regex Articles();

    public static string Normalize(string text)
    {
        var lower = text.ToLowerInvariant();
        var noPunctuation = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (!char.IsPunctuation(c) && !char.IsSymbol(c))
            {
                noPunctuation.Append(c);
            }
        }

        var noArticles = Articles().Replace(noPunctuation.ToString(), " ");
        return string.Join(' ', noArticles.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    public static double ExactMatch(string prediction, IEnumerable<string> truths) =>
        truths.Any(t => Normalize(prediction) == Normalize(t)) ? 1 : 0;

    public static double F1(string prediction, IEnumerable<string> truths) => truths.Max(t => F1(prediction, t));

    private static double F1(string prediction, string truth)
    {
        var p = Normalize(prediction).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var t = Normalize(truth).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (p.Length == 0 || t.Length == 0)
        {
            return p.Length == t.Length ? 1 : 0;
        }

        var counts = t.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        var common = 0;
        foreach (var token in p)
        {
            if (counts.TryGetValue(token, out var n) && n > 0)
            {
                counts[token] = n - 1;
                common++;
            }
        }

        if (common == 0)
        {
            return 0;
        }

        var precision = common / (double)p.Length;
        var recall = common / (double)t.Length;
        return 2 * precision * recall / (precision + recall);
    }
}
