using System.Runtime.CompilerServices;

namespace BriefingBot.Core.Ingestion.Sources;

/// <summary>A folder: every text, Markdown and JSON Lines file under it, in name order.</summary>
internal sealed class FolderSource(TextFileSource files, JsonLinesSource jsonLines) : IArticleSource
{
    public bool CanHandle(string location) => Directory.Exists(location);

    public async IAsyncEnumerable<SourceItem> ReadAsync(string location, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var paths = Directory.EnumerateFiles(location, "*", SearchOption.AllDirectories)
            .Where(p => TextFileSource.IsTextFile(p) || JsonLinesSource.IsJsonLines(p))
            .Order(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            IArticleSource source = JsonLinesSource.IsJsonLines(path) ? jsonLines : files;
            await foreach (var item in source.ReadAsync(path, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }
}
