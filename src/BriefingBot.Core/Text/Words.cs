using System.Text;

namespace BriefingBot.Core.Text;

/// <summary>Word-level helpers shared by search, answering and summarizing.</summary>
public static class Words
{
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "at", "by", "for", "with", "about", "against", "between",
        "into", "through", "during", "before", "after", "above", "below", "to", "from", "up", "down", "in", "out",
        "on", "off", "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why",
        "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not",
        "only", "own", "same", "so", "than", "too", "very", "can", "will", "just", "should", "now", "is", "are",
        "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "i",
        "me", "my", "we", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they", "them",
        "their", "what", "which", "who", "whom", "whose", "this", "that", "these", "those", "am", "would", "could",
        "as", "until", "while", "also", "said", "says", "say", "tell", "told", "please", "us", "much", "many",
    };

    /// <summary>True for function words that carry no topic.</summary>
    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>Splits text into lower-case word tokens (letters and digits; inner apostrophes and hyphens kept).</summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var builder = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if ((c is '\'' or '’' or '-') && builder.Length > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
            {
                if (c == '-')
                {
                    builder.Append('-');
                }
                else
                {
                    // Possessive 's is dropped so "Japan's" matches "Japan".
                    if (i + 2 >= text.Length || !char.IsLetterOrDigit(text[i + 2]))
                    {
                        i++;
                        Flush(builder, tokens);
                        continue;
                    }

                    builder.Append('\'');
                }
            }
            else
            {
                Flush(builder, tokens);
            }
        }

        Flush(builder, tokens);
        return tokens;
    }

    /// <summary>The content words of <paramref name="text"/>: tokens that are not stop words.</summary>
    public static IReadOnlyList<string> ContentWords(string text) =>
        Tokenize(text).Where(t => !IsStopWord(t)).ToList();

    /// <summary>A crude English stem (plural and common verb endings) so "joined" matches "join".</summary>
    public static string Stem(string word)
    {
        if (word.Length > 5 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal))
        {
            return word[..^3];
        }

        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        return word;
    }

    private static void Flush(StringBuilder builder, List<string> tokens)
    {
        if (builder.Length > 0)
        {
            tokens.Add(builder.ToString());
            builder.Clear();
        }
    }
}
