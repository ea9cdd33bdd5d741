namespace BriefingBot.Core.Storage.Sqlite;

/// <summary>Builds FTS5 MATCH expressions from plain words, quoting each so user text is never FTS syntax.</summary>
internal static class FtsQuery
{
    public static string? AnyOf(IEnumerable<string> terms)
    {
        var quoted = terms
            .Select(t => t.Replace("\"", string.Empty, StringComparison.Ordinal).Trim())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(t => "\"" + t + "\"")
            .ToList();
        return quoted.Count == 0 ? null : string.Join(" OR ", quoted);
    }
}
