using System.Reflection;
using System.Text.Json;

namespace BriefingBot.AI.Offline;

/// <summary>
/// A linear scorer over <see cref="SpanExtractor"/>'s features. Its weights are a conditional-logit model fitted
/// by the benchmark harness (<c>bench train-spans</c>) on SQuAD's article-disjoint training pool and shipped as
/// the embedded resource Offline/Models/span-ranker.json.
/// </summary>
internal sealed class SpanRanker
{
    private const string ResourceName = "BriefingBot.AI.Offline.Models.span-ranker.json";
    private static readonly Lazy<SpanRanker> Embedded = new(Load);

    public SpanRanker(float[] weights)
    {
        if (weights.Length != SpanExtractor.FeatureCount)
        {
            throw new ArgumentException($"Expected {SpanExtractor.FeatureCount} weights, got {weights.Length}.", nameof(weights));
        }

        Weights = weights;
    }

    public static SpanRanker Default => Embedded.Value;

    public float[] Weights { get; }

    public double Score(SpanCandidate candidate) => System.Numerics.Tensors.TensorPrimitives.Dot(Weights.AsSpan(), candidate.Features.AsSpan());

    private static SpanRanker Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Missing embedded resource {ResourceName}.");
        var weights = JsonSerializer.Deserialize<float[]>(stream) ?? [];
        return new SpanRanker(weights);
    }
}
