namespace BriefingBot.Core.Ingestion;

/// <summary>One item a source produced: a document, or the reason an item could not be read.</summary>
public sealed record SourceItem(string Origin, RawDocument? Document, string? Error)
{
    public static SourceItem Read(RawDocument document) => new(document.Origin, document, null);

    public static SourceItem Failed(string origin, string error) => new(origin, null, error);
}

/// <summary>What fetching a URL gave: nothing new (304), the items read, or the reason it failed.</summary>
/// <param name="ETag">The validators to send on the next poll.</param>
/// <param name="Title">The feed's or site's name, when known.</param>
public sealed record PollResult(bool NotModified, IReadOnlyList<SourceItem> Items, string? ETag, string? LastModified, string? Error, string? Title = null);
