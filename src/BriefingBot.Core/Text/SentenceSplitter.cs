using System.Text;

namespace BriefingBot.Core.Text;

/// <summary>
/// Splits prose into sentences. Paragraph breaks always end a sentence; inside a paragraph a sentence ends
/// at . ! or ? (with any closing quotes or brackets) followed by whitespace and a capital, digit or opening
/// quote, unless the word before the stop is a known abbreviation or a single initial.
/// Written here because no sentence segmenter is served for .NET on this machine.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "lt", "col", "maj", "capt", "sgt", "gov",
        "sen", "rep", "rev", "hon", "pres", "adm", "cmdr", "insp", "supt", "no", "vs", "etc", "inc", "ltd", "co",
        "corp", "bros", "dept", "est", "fig", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "u.s", "u.k", "u.n", "e.g",
        "i.e", "a.m", "p.m", "mil", "bil", "tril", "bn", "mln", "ave", "blvd", "rd", "univ", "assn", "govt",
    };

    /// <summary>Returns the sentences of <paramref name="text"/>, trimmed, in order.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            SplitParagraph(paragraph.Trim(), sentences);
        }

        return sentences;
    }

    private static void SplitParagraph(string paragraph, List<string> sentences)
    {
        if (paragraph.Length == 0)
        {
            return;
        }

        var start = 0;
        for (var i = 0; i < paragraph.Length; i++)
        {
            var c = paragraph[i];
            if (c is not ('.' or '!' or '?' or '…'))
            {
                continue;
            }

            var end = i + 1;
            while (end < paragraph.Length && IsCloser(paragraph[end]))
            {
                end++;
            }

            if (end >= paragraph.Length || !char.IsWhiteSpace(paragraph[end]))
            {
                continue;
            }

            var next = end;
            while (next < paragraph.Length && char.IsWhiteSpace(paragraph[next]))
            {
                next++;
            }

            if (next >= paragraph.Length || !StartsSentence(paragraph[next]))
            {
                continue;
            }

            if (c == '.' && IsAbbreviation(paragraph, i))
            {
                continue;
            }

            Add(paragraph[start..end], sentences);
            start = next;
            i = next - 1;
        }

        Add(paragraph[start..], sentences);
    }

    private static void Add(string sentence, List<string> sentences)
    {
        var trimmed = sentence.Trim();
        if (trimmed.Length > 0)
        {
            sentences.Add(trimmed);
        }
    }

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '”' or '’' or '»';

    private static bool StartsSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '“' or '‘' or '\'' or '(' or '[' or '«';

    private static bool IsAbbreviation(string text, int dot)
    {
        var wordStart = dot;
        while (wordStart > 0 && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text[wordStart..dot];
        if (word.Length == 0)
        {
            return false;
        }

        // A single capital letter is an initial ("George W. Bush"), not the end of a sentence.
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true;
        }

        return Abbreviations.Contains(word);
    }

    /// <summary>Collapses runs of whitespace to one space.</summary>
    public static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
