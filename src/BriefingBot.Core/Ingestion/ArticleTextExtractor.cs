namespace BriefingBot.Core.Ingestion;

/// <summary>
/// Finds the parts of a saved news page given as text: headline, photo captions, the time line, the body,
/// and the site furniture after it (section labels, lists of other headlines, rankings), by general rules
/// about the shape of lines rather than by matching any site's strings.
/// </summary>
public static class ArticleTextExtractor
{
    /// <summary>Lines after the headline searched for a time line; lines before it are captions.</summary>
    private const int HeaderWindow = 4;

    public sealed record Extracted(string Title, string Body, DateTimeOffset? Published);

    public static Extracted Extract(string text, string? knownTitle)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .Select(StripMarkdownHeading)
            .ToList();
        var cursor = 0;
        var title = knownTitle?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            if (lines.Count > 0 && IsHeadlineCandidate(lines[0]))
            {
                title = lines[0];
                cursor = 1;
            }
        }
        else if (lines.Count > 0 && Same(lines[0], title))
        {
            cursor = 1;
        }

        DateTimeOffset? published = null;
        for (var i = cursor; i < Math.Min(lines.Count, cursor + HeaderWindow); i++)
        {
            if (DatelineParser.TryParse(lines[i], out var when))
            {
                published = when;
                cursor = i + 1;
                break;
            }
        }

        var end = lines.Count;
        while (end > cursor && IsFurniture(lines[end - 1]))
        {
            end--;
        }

        var body = string.Join("\n", lines.Skip(cursor).Take(end - cursor));
        title ??= FallbackTitle(body);
        return new Extracted(title, body, published);
    }

    /// <summary>
    /// A line that belongs to page furniture rather than prose: a separator, a short label, or a headline-like
    /// line (no closing punctuation) such as the items of a "popular articles" list.
    /// </summary>
    internal static bool IsFurniture(string line)
    {
        if (line.All(c => !char.IsLetterOrDigit(c)))
        {
            return true;
        }

        if (EndsLikeProse(line))
        {
            return false;
        }

        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 6 || (words.Length <= 35 && CapitalizedShare(words) >= 0.6);
    }

    private static bool IsHeadlineCandidate(string line) =>
        line.Length <= 250 && line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 40;

    private static bool EndsLikeProse(string line)
    {
        var trimmed = line.TrimEnd('"', '\'', '”', '’', ')', ']', '»', ' ');
        return trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' or '…' or ':' or ';';
    }

    /// <summary>Share of content words (four letters or more) that start with a capital, as in Title Case.</summary>
    private static double CapitalizedShare(string[] words)
    {
        var content = words.Where(w => w.Count(char.IsLetter) >= 4).ToList();
        if (content.Count == 0)
        {
            return 1;
        }

        return content.Count(w => char.IsUpper(w.First(char.IsLetter))) / (double)content.Count;
    }

    private static string StripMarkdownHeading(string line) => line.StartsWith('#') ? line.TrimStart('#').Trim() : line;

    private static bool Same(string a, string b) =>
        string.Equals(Text.SentenceSplitter.CollapseWhitespace(a), Text.SentenceSplitter.CollapseWhitespace(b), StringComparison.OrdinalIgnoreCase);

    private static string FallbackTitle(string body)
    {
        var first = Text.SentenceSplitter.Split(body).FirstOrDefault() ?? "Untitled";
        return first.Length <= 120 ? first : first[..117].TrimEnd() + "…";
    }
}
