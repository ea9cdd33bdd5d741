using System.Text.RegularExpressions;

namespace BriefingBot.AI.Offline;

/// <summary>Removes a wire-style dateline ("BRUSSELS — ", "LONDON (Reuters) - ") from the start of a sentence.</summary>
internal static partial class Dateline
{
    [GeneratedRegex(@"^[A-Z][A-Z .,'’\-]{1,40}(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static string Strip(string sentence) => Pattern().Replace(sentence, string.Empty, 1);
}
