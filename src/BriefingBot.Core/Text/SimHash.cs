using System.Numerics;

namespace BriefingBot.Core.Text;

/// <summary>
/// Charikar's SimHash over word 3-shingles: texts that share most of their wording get 64-bit fingerprints a few bits
/// apart, so the same wire story republished with a changed byline or an added sentence is found without comparing
/// texts. Written here (FNV-1a for the shingle hashes) as no served package provides it.
/// </summary>
public static class SimHash
{
    private const int ShingleWords = 3;

    public static long Compute(string text)
    {
        var words = Words.Tokenize(text).Select(w => w.ToLowerInvariant()).ToList();
        if (words.Count == 0)
        {
            return 0;
        }

        Span<int> weights = stackalloc int[64];
        var shingles = Math.Max(1, words.Count - ShingleWords + 1);
        for (var i = 0; i < shingles; i++)
        {
            var hash = 14695981039346656037UL;
            for (var j = i; j < Math.Min(i + ShingleWords, words.Count); j++)
            {
                foreach (var c in words[j])
                {
                    hash = (hash ^ c) * 1099511628211UL;
                }

                hash = (hash ^ ' ') * 1099511628211UL;
            }

            for (var bit = 0; bit < 64; bit++)
            {
                weights[bit] += ((hash >> bit) & 1) == 1 ? 1 : -1;
            }
        }

        var fingerprint = 0UL;
        for (var bit = 0; bit < 64; bit++)
        {
            if (weights[bit] > 0)
            {
                fingerprint |= 1UL << bit;
            }
        }

        return unchecked((long)fingerprint);
    }

    public static int Distance(long a, long b) => BitOperations.PopCount(unchecked((ulong)(a ^ b)));
}
