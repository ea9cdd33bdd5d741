using System.Text.RegularExpressions;

namespace BriefingBot.AI.Offline;

/// <summary>
/// "What does IP4 stand for?" answered from the place a story spells the acronym out: "the Indo-Pacific Four
/// (IP4)". The long form is the run of words before the parenthesis whose initials make the acronym, in order
/// (after Schwartz and Hearst, 2003), with small function words ("of", "and") allowed between them and a digit
/// matched by its number word ("Four" for 4).
/// </summary>
internal static partial class Acronyms
{
    private static readonly string[] NumberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    private static readonly HashSet<string> Linking = new(StringComparer.OrdinalIgnoreCase) { "of", "and", "for", "the", "on", "in", "&", "de", "du", "des" };

    [GeneratedRegex(@"^\s*(?i:what\s+(?:does|do|did)\s+(?:the\s+)?)(?<acronym>[A-Z][A-Za-z0-9&]*[A-Z0-9])\s+(?i:stand\s+for|mean)\b|^\s*(?i:for\s+what\s+(?:does|do|did)\s+(?:the\s+)?)(?<acronym>[A-Z][A-Za-z0-9&]*[A-Z0-9])\s+(?i:stand)\b|^\s*(?i:what\s+is\s+(?:the\s+)?)(?<acronym>[A-Z][A-Za-z0-9&]*[A-Z0-9])\s+(?i:short\s+for)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AskedPattern();

    [GeneratedRegex(@"[\p{L}\p{N}&]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    /// <summary>The acronym a question asks the meaning of; null for other questions.</summary>
    public static string? Asked(string question) =>
        AskedPattern().Match(question) is { Success: true } match ? match.Groups["acronym"].Value : null;

    /// <summary>The long form of <paramref name="acronym"/> as the sentence spells it out before "(acronym)"; null when it doesn't.</summary>
    public static string? LongForm(string acronym, string sentence)
    {
        // "(IP4)", or "( IP4 )" as tokenized text writes it.
        var bracketed = Regex.Match(sentence, @"\(\s?" + Regex.Escape(acronym) + @"\s?\)", RegexOptions.CultureInvariant);
        var at = bracketed.Success ? bracketed.Index : -1;
        if (at <= 0)
        {
            return null;
        }

        var units = acronym.Where(char.IsLetterOrDigit).ToArray();
        var words = WordPattern().Matches(sentence[..at]).ToList();
        var unit = units.Length - 1;
        var first = -1;
        for (var w = words.Count - 1; w >= 0 && unit >= 0; w--)
        {
            var word = words[w].Value;
            if (Matches(units[unit], word))
            {
                first = w;
                unit--;
            }
            else if (!Linking.Contains(word) || first < 0)
            {
                return null;
            }
        }

        return unit < 0 ? sentence[words[first].Index..at].TrimEnd(' ', '—', '-', ',') : null;
    }

    /// <summary>
    /// A run of capitalized words in the sentence whose initials spell <paramref name="acronym"/> (function words
    /// allowed between them), for stories that use the long form without ever writing the acronym; null when none does.
    /// </summary>
    public static string? SpelledOut(string acronym, string sentence)
    {
        var units = acronym.Where(char.IsLetterOrDigit).ToArray();
        if (units.Length < 2)
        {
            return null;
        }

        var words = WordPattern().Matches(sentence).ToList();
        for (var start = 0; start < words.Count; start++)
        {
            var unit = 0;
            var last = -1;
            for (var w = start; w < words.Count && unit < units.Length; w++)
            {
                var word = words[w].Value;
                if ((char.IsUpper(word[0]) || char.IsDigit(word[0]) || char.IsLower(units[unit])) && Matches(units[unit], word))
                {
                    last = w;
                    unit++;
                }
                else if (last < 0 || !Linking.Contains(word) || char.IsUpper(word[0]))
                {
                    break;
                }
            }

            if (unit == units.Length)
            {
                return sentence[words[start].Index..(words[last].Index + words[last].Length)];
            }
        }

        return null;
    }

    private static bool Matches(char unit, string word) => char.IsDigit(unit)
        ? word == unit.ToString() || string.Equals(word, NumberWords[unit - '0'], StringComparison.OrdinalIgnoreCase)
        : char.ToUpperInvariant(word[0]) == char.ToUpperInvariant(unit);
}
