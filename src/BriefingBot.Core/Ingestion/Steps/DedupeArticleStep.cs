using BriefingBot.Core.Storage;

namespace BriefingBot.Core.Ingestion.Steps;

/// <summary>Stops an article whose normalized body is already stored; it is counted as a duplicate.</summary>
internal sealed class DedupeArticleStep(IArticleStore store) : IIngestionStep
{
    public async Task<bool> RunAsync(IngestionItem item, CancellationToken cancellationToken)
    {
        var hash = item.ContentHash ?? throw new InvalidOperationException("Normalize runs before Dedupe.");
        item.DuplicateOf = await store.FindByHashAsync(hash, cancellationToken).ConfigureAwait(false);
        return item.DuplicateOf is null;
    }
}
