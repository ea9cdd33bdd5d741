using System.Security.Cryptography;
using System.Text;
using BriefingBot.Core.Text;

namespace BriefingBot.Core.Ingestion.Steps;

/// <summary>Cleans whitespace and computes the content hash used to merge exact duplicates.</summary>
internal sealed class NormalizeArticleStep : IIngestionStep
{
    public Task<bool> RunAsync(IngestionItem item, CancellationToken cancellationToken)
    {
        var draft = item.Draft ?? throw new InvalidOperationException("Extract runs before Normalize.");
        var body = string.Join("\n", draft.Body.Split('\n').Select(SentenceSplitter.CollapseWhitespace).Where(l => l.Length > 0));
        item.Draft = draft with
        {
            Title = SentenceSplitter.CollapseWhitespace(draft.Title),
            Body = body,
            Source = string.IsNullOrWhiteSpace(draft.Source) ? null : draft.Source.Trim(),
            Url = string.IsNullOrWhiteSpace(draft.Url) ? null : draft.Url.Trim(),
        };
        item.ContentHash = HashOf(body);
        return Task.FromResult(true);
    }

    /// <summary>SHA-256 of the body's words, lower-cased, so layout and punctuation differences still match.</summary>
    public static string HashOf(string body)
    {
        var words = string.Join(' ', Words.Tokenize(body));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(words)));
    }
}
