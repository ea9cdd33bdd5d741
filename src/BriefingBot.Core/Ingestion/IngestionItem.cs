using BriefingBot.Core.Articles;

namespace BriefingBot.Core.Ingestion;

/// <summary>One document on its way through the ingestion steps; each step fills in its part.</summary>
public sealed class IngestionItem(RawDocument raw)
{
    public RawDocument Raw { get; } = raw;

    public ArticleDraft? Draft { get; set; }

    public string? ContentHash { get; set; }

    public IReadOnlyList<string> Sentences { get; set; } = [];

    public IReadOnlyList<float[]?> Vectors { get; set; } = [];

    /// <summary>Set when the article was already stored (this run or an earlier one).</summary>
    public long? DuplicateOf { get; set; }

    public long? ArticleId { get; set; }

    /// <summary>The body's SimHash fingerprint (set by Dedupe).</summary>
    public long? SimHash { get; set; }
}
