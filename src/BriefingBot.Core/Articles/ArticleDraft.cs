namespace BriefingBot.Core.Articles;

/// <summary>An article as extracted from a source, before it is stored.</summary>
public sealed record ArticleDraft(
    string Title,
    string Body,
    string? Source,
    string? Url,
    DateTimeOffset? Published,
    string? ExternalId = null);
