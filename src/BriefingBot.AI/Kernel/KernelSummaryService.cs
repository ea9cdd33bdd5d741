using System.Globalization;
using System.Text;
using System.Text.Json;
using BriefingBot.AI.Offline;
using BriefingBot.Core.Articles;
using BriefingBot.Core.Summaries;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace BriefingBot.AI.Kernel;

/// <summary>
/// One-article summaries through the model, from the article's numbered sentences, with the same rules as the
/// offline engine: at most 120 words, cited sentences that exist. A reply that breaks a rule, a model error or a
/// timeout gives the offline summary instead, and the log says why. Briefings use this too, for their one-liners.
/// </summary>
internal sealed class KernelSummaryService(PromptRunner prompts, ExtractiveSummaryService offline, ILogger<KernelSummaryService> logger) : ISummaryService
{
    private const int MaxWords = 120;

    public async Task<Summary> SummarizeAsync(Article article, IReadOnlyList<string> sentences, IReadOnlyList<float[]>? vectors = null, CancellationToken cancellationToken = default)
    {
        if (sentences.Count == 0)
        {
            return await offline.SummarizeAsync(article, sentences, vectors, cancellationToken).ConfigureAwait(false);
        }

        var given = sentences.Take(prompts.FittingCount(sentences)).ToList();
        var numbered = new StringBuilder();
        for (var i = 0; i < given.Count; i++)
        {
            numbered.Append('[').Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("] ").Append(PromptRunner.Data(given[i])).Append('\n');
        }

        var arguments = new KernelArguments { ["title"] = PromptRunner.Data(article.Title), ["sentences"] = numbered.ToString() };
        using var reply = await prompts.TryInvokeJsonAsync("summarize-article.txt", arguments, "summarize", cancellationToken).ConfigureAwait(false);
        if (reply is not null)
        {
            if (Parse(reply.RootElement, article, given) is { } summary)
            {
                return summary;
            }

            logger.LogWarning("The model's summary of article {ArticleId} broke the length or citation rules; the offline summary is used", article.Id);
        }

        return await offline.SummarizeAsync(article, sentences, vectors, cancellationToken).ConfigureAwait(false);
    }

    internal static Summary? Parse(JsonElement root, Article article, IReadOnlyList<string> sentences)
    {
        var tldr = root.TryGetProperty("tldr", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()!.Trim() : string.Empty;
        var points = root.TryGetProperty("keyPoints", out var k) && k.ValueKind == JsonValueKind.Array
            ? k.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!.Trim()).Where(p => p.Length > 0).ToList()
            : [];
        var citations = new List<Citation>();
        if (root.TryGetProperty("citations", out var ids) && ids.ValueKind == JsonValueKind.Array)
        {
            foreach (var id in ids.EnumerateArray())
            {
                if (id.TryGetInt32(out var n) && n >= 1 && n <= sentences.Count && citations.All(c => c.Sentence != sentences[n - 1]))
                {
                    citations.Add(Citation.Of(article, sentences[n - 1]));
                }
            }
        }

        var words = (tldr + " " + string.Join(' ', points)).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return tldr.Length == 0 || citations.Count == 0 || words > MaxWords ? null : new Summary(tldr, points, citations);
    }
}
