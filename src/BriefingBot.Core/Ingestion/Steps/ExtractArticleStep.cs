using BriefingBot.Core.Articles;

namespace BriefingBot.Core.Ingestion.Steps;

/// <summary>Finds title, published time and body, dropping captions and site furniture.</summary>
internal sealed class ExtractArticleStep : IIngestionStep
{
    public Task<bool> RunAsync(IngestionItem item, CancellationToken cancellationToken)
    {
        var raw = item.Raw;
        var extracted = ArticleTextExtractor.Extract(raw.Text, raw.Title);
        if (extracted.Body.Count(char.IsLetter) < 20)
        {
            throw new IngestionException("no article text found");
        }

        item.Draft = new ArticleDraft(
            extracted.Title,
            extracted.Body,
            raw.Source,
            raw.Url,
            raw.Published ?? extracted.Published,
            raw.ExternalId);
        return Task.FromResult(true);
    }
}
