using BriefingBot.Core.Storage;
using BriefingBot.Core.Text;
using Microsoft.Extensions.Options;

namespace BriefingBot.Core.Ingestion.Steps;

/// <summary>
/// Stops an article already stored: the same normalized body (exact hash), or nearly the same wording (SimHash
/// within Ingestion:NearDuplicateBits, among stories received in Ingestion:NearDuplicateWindow). The copy's outlet is
/// recorded as another source of the stored story, so one story carries every outlet that ran it.
/// </summary>
internal sealed class DedupeArticleStep(IArticleStore store, IOptions<IngestionOptions> options, TimeProvider time) : IRecheckedBeforeStoreStep
{
    /// <summary>Texts shorter than this many words are too short for a fingerprint to tell stories apart.</summary>
    private const int MinWordsForNearDuplicates = 40;

    public async Task<bool> RunAsync(IngestionItem item, CancellationToken cancellationToken)
    {
        var hash = item.ContentHash ?? throw new InvalidOperationException("Normalize runs before Dedupe.");
        var draft = item.Draft ?? throw new InvalidOperationException("Extract runs before Dedupe.");
        item.DuplicateOf = await store.FindByHashAsync(hash, cancellationToken).ConfigureAwait(false);
        var settings = options.Value;
        if (item.DuplicateOf is null && settings.NearDuplicateBits > 0 && Words.Tokenize(draft.Body).Count >= MinWordsForNearDuplicates)
        {
            item.SimHash = SimHash.Compute(draft.Body);
            item.DuplicateOf = await store.FindNearDuplicateAsync(item.SimHash.Value, time.GetUtcNow() - settings.NearDuplicateWindow, settings.NearDuplicateBits, cancellationToken).ConfigureAwait(false);
        }

        if (item.DuplicateOf is not { } existing)
        {
            return true;
        }

        var stored = await store.GetAsync(existing, cancellationToken).ConfigureAwait(false);
        if (stored is not null && (stored.Source != draft.Source || stored.Url != draft.Url))
        {
            await store.AddAlternateSourceAsync(existing, new AlternateSource(draft.Source, draft.Url, draft.Title, draft.Published, item.Raw.Origin), cancellationToken).ConfigureAwait(false);
        }

        return false;
    }
}
