namespace BriefingBot.Core.Ingestion;

/// <summary>One item a source produced: a document, or the reason an item could not be read.</summary>
public sealed record SourceItem(string Origin, RawDocument? Document, string? Error)
{
    public static SourceItem Read(RawDocument document) => new(document.Origin, document, null);

    public static SourceItem Failed(string origin, string error) => new(origin, null, error);
}
