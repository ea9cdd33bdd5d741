using System.Text.RegularExpressions;

namespace BriefingBot.AI.Offline;

/// <summary>
/// A wire-style dateline at the start of a sentence: "BRUSSELS — ", "LONDON (Reuters) - ", "(CNN) -- ",
/// "LONDON, England (CNN) -- ".
/// </summary>
internal static partial class Dateline
{
    [GeneratedRegex(@"^(?:[A-Z][A-Z .,'’\-]{1,40}(?<source>\([^)]{1,30}\))?|(?:[A-Z][\p{L}'’.\-]*(?:[ ,]+[A-Z][\p{L}'’.\-]*)*\s*)?(?<source>\(\s?[A-Z][A-Za-z .&]{0,28}\)))\s*[—–-]{1,2}\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>The sentence without its dateline.</summary>
    public static string Strip(string sentence) => Pattern().Replace(sentence, string.Empty, 1);

    /// <summary>
    /// Where the dateline's news agency ("(CNN) --") stands in the sentence, with the dash after it: it says who
    /// filed the story, never what the story is about. Null when the sentence has no such dateline.
    /// </summary>
    public static Range? Source(string sentence) =>
        Pattern().Match(sentence) is { Success: true } match && match.Groups["source"] is { Success: true } source
            ? new Range(source.Index, match.Index + match.Length)
            : null;
}
