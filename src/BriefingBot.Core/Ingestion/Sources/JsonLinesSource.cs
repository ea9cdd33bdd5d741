using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace BriefingBot.Core.Ingestion.Sources;

/// <summary>
/// A JSON Lines corpus: one article per line, <c>{"id","title","text","url","published","source"}</c> with
/// <c>text</c> required. A bad line is reported with its number and the rest of the file is still read.
/// </summary>
internal sealed class JsonLinesSource(IOptions<IngestionOptions> options) : IArticleSource
{
    public static bool IsJsonLines(string path) =>
        Path.GetExtension(path) is var ext && (ext.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || ext.Equals(".ndjson", StringComparison.OrdinalIgnoreCase));

    public bool CanHandle(string location) => File.Exists(location) && IsJsonLines(location);

    public async IAsyncEnumerable<SourceItem> ReadAsync(string location, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var max = options.Value.MaxDocumentBytes;
        await using var stream = new BufferedStream(File.OpenRead(location), 1 << 16);
        var lineNumber = 0;
        var buffer = new MemoryStream();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (ended, tooLong) = ReadLine(stream, buffer, max);
            if (ended && buffer.Length == 0 && !tooLong)
            {
                break;
            }

            lineNumber++;
            var origin = $"{location}:{lineNumber}";
            if (tooLong)
            {
                yield return SourceItem.Failed(origin, $"line is over the {max / (1024.0 * 1024):0.#} MiB limit (Ingestion:MaxDocumentBytes)");
            }
            else if (buffer.Length > 0)
            {
                yield return Parse(origin, Path.GetFileNameWithoutExtension(location), buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            }

            buffer.SetLength(0);
            if (ended)
            {
                break;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>Reads one line into <paramref name="buffer"/>; a line over the limit is skipped to its end.</summary>
    private static (bool Ended, bool TooLong) ReadLine(Stream stream, MemoryStream buffer, long max)
    {
        var tooLong = false;
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                return (true, tooLong);
            }

            if (b == '\n')
            {
                return (false, tooLong);
            }

            if (tooLong)
            {
                continue;
            }

            if (buffer.Length >= max)
            {
                tooLong = true;
                buffer.SetLength(0);
                continue;
            }

            buffer.WriteByte((byte)b);
        }
    }

    /// <param name="corpus">The corpus name, the source of lines that name none.</param>
    private static SourceItem Parse(string origin, string corpus, ReadOnlySpan<byte> line)
    {
        var text = TextDecoding.TryDecode(line, out var decodeError);
        if (text is null)
        {
            return SourceItem.Failed(origin, decodeError!);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return SourceItem.Failed(origin, "blank line");
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return SourceItem.Failed(origin, "expected a JSON object");
            }

            var body = GetString(root, "text");
            if (string.IsNullOrWhiteSpace(body))
            {
                return SourceItem.Failed(origin, "missing \"text\"");
            }

            DateTimeOffset? published = null;
            if (GetString(root, "published") is { } p)
            {
                if (!DateTimeOffset.TryParse(p, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    return SourceItem.Failed(origin, $"\"published\" is not a date: {p}");
                }

                published = parsed;
            }

            return SourceItem.Read(new RawDocument(
                origin,
                body,
                Title: GetString(root, "title"),
                Url: GetString(root, "url"),
                Published: published,
                Source: GetString(root, "source") ?? corpus,
                ExternalId: GetString(root, "id")));
        }
        catch (JsonException ex)
        {
            return SourceItem.Failed(origin, $"malformed JSON: {ex.Message}");
        }
    }

    private static string? GetString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
