using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace BriefingBot.Core.Ingestion.Sources;

/// <summary>One plain-text or Markdown file: one article.</summary>
internal sealed class TextFileSource(IOptions<IngestionOptions> options) : IArticleSource
{
    private static readonly string[] Extensions = [".txt", ".md", ".markdown", ".text"];

    public static bool IsTextFile(string path) => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    public bool CanHandle(string location) => File.Exists(location) && !JsonLinesSource.IsJsonLines(location);

    public async IAsyncEnumerable<SourceItem> ReadAsync(string location, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(location);
        var max = options.Value.MaxDocumentBytes;
        if (info.Length == 0)
        {
            yield return SourceItem.Failed(location, "empty file");
            yield break;
        }

        if (info.Length > max)
        {
            yield return SourceItem.Failed(location, $"file is {info.Length / (1024.0 * 1024):0.#} MiB, over the {max / (1024.0 * 1024):0.#} MiB limit (Ingestion:MaxDocumentBytes)");
            yield break;
        }

        var bytes = await File.ReadAllBytesAsync(location, cancellationToken).ConfigureAwait(false);
        var text = TextDecoding.TryDecode(bytes, out var error);
        yield return text is null
            ? SourceItem.Failed(location, error!)
            : SourceItem.Read(new RawDocument(location, text, Source: Path.GetFileName(location)));
    }
}
