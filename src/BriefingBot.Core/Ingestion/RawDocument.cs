namespace BriefingBot.Core.Ingestion;

/// <summary>Text read from a source, with whatever metadata the source itself provided.</summary>
/// <param name="Origin">Where it came from, for error reports: a path, "path:line" or a URL.</param>
public sealed record RawDocument(
    string Origin,
    string Text,
    string? Title = null,
    string? Url = null,
    DateTimeOffset? Published = null,
    string? Source = null,
    string? ExternalId = null);
