namespace BriefingBot.Core.Articles;

/// <summary>A stored news article: the cleaned body and what was learned about it at ingest.</summary>
/// <param name="Id">Store-assigned identifier.</param>
/// <param name="Title">Headline.</param>
/// <param name="Body">Main text, without site furniture.</param>
/// <param name="Source">Publisher or origin (a site name, a corpus name or a file name).</param>
/// <param name="Url">Canonical link, when known.</param>
/// <param name="Published">Publication time, when the article states one.</param>
/// <param name="ContentHash">Hash of the normalized body, used to merge exact duplicates.</param>
/// <param name="IngestedAt">When the store first saw the article.</param>
public sealed record Article(
    long Id,
    string Title,
    string Body,
    string? Source,
    string? Url,
    DateTimeOffset? Published,
    string ContentHash,
    DateTimeOffset IngestedAt);
