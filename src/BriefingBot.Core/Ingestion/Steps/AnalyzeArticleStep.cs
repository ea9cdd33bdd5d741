using BriefingBot.Core.Search;
using BriefingBot.Core.Text;

namespace BriefingBot.Core.Ingestion.Steps;

/// <summary>Splits the body into sentences and embeds each one.</summary>
internal sealed class AnalyzeArticleStep(ITextEmbedder embedder) : IIngestionStep
{
    public async Task<bool> RunAsync(IngestionItem item, CancellationToken cancellationToken)
    {
        var draft = item.Draft ?? throw new InvalidOperationException("Extract runs before Analyze.");
        var sentences = SentenceSplitter.Split(draft.Body);
        if (sentences.Count == 0)
        {
            throw new IngestionException("no sentences in the article text");
        }

        item.Sentences = sentences;
        item.Vectors = await embedder.EmbedAsync(sentences, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
