using BriefingBot.Core.Storage;

namespace BriefingBot.Core.Search;

/// <summary>
/// All stored sentence vectors in memory, brute-force scored. At a team's corpus size (tens of thousands of
/// sentences × 384 floats) a scan takes milliseconds; it picks up new rows from the store before each search.
/// </summary>
public sealed class VectorIndex(IArticleStore store)
{
    private const int PageSize = 5000;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private readonly List<SentenceVector> _rows = [];
    private readonly Dictionary<long, int> _positions = [];
    private long _lastRowId;

    public int Count
    {
        get
        {
            lock (_rows)
            {
                return _rows.Count;
            }
        }
    }

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var page = await store.GetVectorsAsync(_lastRowId, PageSize, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    return;
                }

                lock (_rows)
                {
                    foreach (var row in page)
                    {
                        _positions[row.RowId] = _rows.Count;
                        _rows.Add(row);
                    }
                }

                _lastRowId = page[^1].RowId;
            }
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    /// <summary>The <paramref name="limit"/> rows most similar to <paramref name="query"/>, best first.</summary>
    public IReadOnlyList<(SentenceVector Row, double Similarity)> Search(float[] query, int limit, Func<long, bool>? articleFilter = null)
    {
        SentenceVector[] rows;
        lock (_rows)
        {
            rows = [.. _rows];
        }

        var scored = new List<(SentenceVector, double)>(rows.Length);
        foreach (var row in rows)
        {
            if (articleFilter is null || articleFilter(row.ArticleId))
            {
                scored.Add((row, Dot(query, row.Vector)));
            }
        }

        return scored.OrderByDescending(s => s.Item2).Take(limit).ToList();
    }

    /// <summary>Similarity of <paramref name="query"/> to one stored sentence, or null when it has no vector.</summary>
    public double? SimilarityOf(long rowId, float[] query)
    {
        lock (_rows)
        {
            return _positions.TryGetValue(rowId, out var position) ? Dot(query, _rows[position].Vector) : null;
        }
    }

    public static double Dot(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.Dot(a.AsSpan(), b.AsSpan());

    /// <summary>Scales <paramref name="vector"/> in place to unit length (a zero vector stays zero).</summary>
    public static float[] Normalize(float[] vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector.AsSpan());
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    /// <summary>The unit-length mean of <paramref name="vectors"/> (which must not be empty).</summary>
    public static float[] MeanDirection(IEnumerable<float[]> vectors)
    {
        float[]? sum = null;
        foreach (var vector in vectors)
        {
            sum ??= new float[vector.Length];
            System.Numerics.Tensors.TensorPrimitives.Add(sum, vector, sum);
        }

        return Normalize(sum ?? throw new ArgumentException("No vectors to average.", nameof(vectors)));
    }
}
