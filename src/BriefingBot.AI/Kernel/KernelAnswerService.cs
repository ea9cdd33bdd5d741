using System.Globalization;
using System.Text;
using System.Text.Json;
using BriefingBot.AI.Offline;
using BriefingBot.Core.Answering;
using BriefingBot.Core.Articles;
using BriefingBot.Core.Search;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace BriefingBot.AI.Kernel;

/// <summary>
/// Grounded answers through a language model: the existing retrieval finds passages, the model answers from
/// them citing passage numbers, every cited number is checked against the passages given, and the answer is
/// the same typed <see cref="Answer"/> the offline engine returns. On a timeout, an error, or an answer with no
/// valid citation, the offline engine answers instead and the log says why.
/// </summary>
internal sealed class KernelAnswerService(
    PromptRunner prompts,
    HybridRetriever retriever,
    ExtractiveAnswerService offline,
    ILogger<KernelAnswerService> logger) : IAnswerService
{
    private const int Passages = 8;

    public async Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken = default)
    {
        if (question.Context is not null || string.IsNullOrWhiteSpace(question.Text))
        {
            return await offline.AnswerAsync(question, cancellationToken).ConfigureAwait(false);
        }

        var retrieved = await retriever.RetrieveAsync(question.Text, Passages, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (retrieved.Count > 0)
        {
            // Only as many passages as fit the token budget are sent, best first.
            retrieved = retrieved.Take(prompts.FittingCount(retrieved.Select(r => r.Sentence.Text).ToList())).ToList();
            var arguments = new KernelArguments { ["passages"] = Format(retrieved), ["question"] = question.Text };
            using var reply = await prompts.TryInvokeJsonAsync("answer-with-citations.txt", arguments, "answer", cancellationToken).ConfigureAwait(false);
            if (reply is not null && Parse(reply.RootElement, retrieved) is { } answer)
            {
                return answer;
            }

            if (reply is not null)
            {
                logger.LogWarning("The model's answer cited no passage it was given; the offline engine answers instead");
            }
        }

        return await offline.AnswerAsync(question, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Numbered passages, each in its own block, article text escaped.</summary>
    internal static string Format(IReadOnlyList<RetrievedSentence> passages)
    {
        var text = new StringBuilder();
        for (var i = 0; i < passages.Count; i++)
        {
            var p = passages[i];
            var date = p.Article.Published?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "undated";
            text.Append("<passage id=\"").Append(i + 1).Append("\" source=\"").Append(PromptRunner.Data(p.Article.Source ?? "unknown")).Append("\" date=\"").Append(date).Append("\" title=\"")
                .Append(PromptRunner.Data(p.Article.Title)).Append("\">").Append(PromptRunner.Data(p.Sentence.Text)).Append("</passage>\n");
        }

        return text.ToString();
    }

    /// <summary>The typed answer, or null when no cited number names a passage that was given.</summary>
    internal static Answer? Parse(JsonElement root, IReadOnlyList<RetrievedSentence> passages)
    {
        if (!root.TryGetProperty("answer", out var answerElement) || answerElement.ValueKind == JsonValueKind.Null)
        {
            return Answer.Abstain("The articles I have don't say.", passages[0].Article);
        }

        var cited = new List<Citation>();
        if (root.TryGetProperty("citations", out var ids) && ids.ValueKind == JsonValueKind.Array)
        {
            foreach (var id in ids.EnumerateArray())
            {
                if (id.TryGetInt32(out var n) && n >= 1 && n <= passages.Count && cited.All(c => c.Sentence != passages[n - 1].Sentence.Text))
                {
                    cited.Add(Citation.Of(passages[n - 1].Article, passages[n - 1].Sentence.Text));
                }
            }
        }

        var text = answerElement.GetString()?.Trim();
        if (cited.Count == 0 || string.IsNullOrEmpty(text))
        {
            return null;
        }

        // The model's own certainty is not observable; a grounded, cited answer is reported as fairly confident.
        return new Answer(text, text.TrimEnd('.'), cited, 0.8);
    }
}
