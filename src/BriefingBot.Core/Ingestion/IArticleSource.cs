namespace BriefingBot.Core.Ingestion;

/// <summary>One kind of input (a text file, a JSON Lines corpus, a folder...).</summary>
public interface IArticleSource
{
    /// <summary>True when this source reads <paramref name="location"/>.</summary>
    bool CanHandle(string location);

    /// <summary>Reads the items at <paramref name="location"/>; unreadable items are reported, not thrown.</summary>
    IAsyncEnumerable<SourceItem> ReadAsync(string location, CancellationToken cancellationToken = default);
}
