using BriefingBot.Core.Storage;

namespace BriefingBot.Core.Ingestion.Steps;

/// <summary>Writes the article, its sentences, vectors and index entries in one transaction.</summary>
internal sealed class StoreArticleStep(IArticleStore store) : IIngestionStep
{
    public async Task<bool> RunAsync(IngestionItem item, CancellationToken cancellationToken)
    {
        var draft = item.Draft ?? throw new InvalidOperationException("Extract runs before Store.");
        try
        {
            item.ArticleId = await store.AddAsync(
                new NewArticle(draft, item.ContentHash!, item.Sentences, item.Vectors, item.SimHash),
                cancellationToken).ConfigureAwait(false);
        }
        catch (DuplicateArticleException)
        {
            // Another writer stored the same article meanwhile.
            item.DuplicateOf = await store.FindByHashAsync(item.ContentHash!, cancellationToken).ConfigureAwait(false);
            return false;
        }

        return true;
    }
}
