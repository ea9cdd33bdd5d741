namespace BriefingBot.Bench;

/// <summary>ROUGE-1, ROUGE-2 and ROUGE-L F1 on lower-cased word tokens (no stemming, no stop-word removal).</summary>
internal static class Rouge
{
    public static string[] Tokens(string text) =>
        BriefingBot.Core.Text.Words.Tokenize(text).ToArray();

    public static double NGramF1(string[] candidate, string[] reference, int n)
    {
        var c = NGrams(candidate, n);
        var r = NGrams(reference, n);
        var overlap = c.Sum(kv => Math.Min(kv.Value, r.GetValueOrDefault(kv.Key)));
        return F1(overlap, c.Values.Sum(), r.Values.Sum());
    }

    public static double LcsF1(string[] candidate, string[] reference)
    {
        var previous = new int[reference.Length + 1];
        var current = new int[reference.Length + 1];
        foreach (var token in candidate)
        {
            for (var j = 1; j <= reference.Length; j++)
            {
                current[j] = token == reference[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return F1(previous[reference.Length], candidate.Length, reference.Length);
    }

    private static Dictionary<string, int> NGrams(string[] tokens, int n)
    {
        var grams = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Length; i++)
        {
            var key = string.Join(' ', tokens, i, n);
            grams[key] = grams.GetValueOrDefault(key) + 1;
        }

        return grams;
    }

    private static double F1(int overlap, int candidateCount, int referenceCount)
    {
        if (overlap == 0 || candidateCount == 0 || referenceCount == 0)
        {
            return 0;
        }

        var precision = overlap / (double)candidateCount;
        var recall = overlap / (double)referenceCount;
        return 2 * precision * recall / (precision + recall);
    }
}
