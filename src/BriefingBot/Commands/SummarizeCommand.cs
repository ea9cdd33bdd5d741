using BriefingBot.Core.Articles;
using BriefingBot.Core.Ingestion;
using BriefingBot.Core.Storage;
using BriefingBot.Core.Summaries;
using BriefingBot.Core.Text;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Commands;

/// <summary><c>summarize ID|PATH [--json]</c> and <c>summarize --batch IN.jsonl --out OUT.jsonl</c>.</summary>
internal static class SummarizeCommand
{
    public static async Task<int> RunAsync(CliConsole console, string? database, string? target, bool json, string? batch, string? output, CancellationToken cancellationToken)
    {
        if (batch is null && string.IsNullOrWhiteSpace(target))
        {
            await console.Error.WriteLineAsync("summarize: give an article id or a file, or --batch IN.jsonl --out OUT.jsonl").ConfigureAwait(false);
            return 2;
        }

        if (batch is not null && (output is null || !File.Exists(batch)))
        {
            await console.Error.WriteLineAsync(output is null ? "summarize: --batch needs --out OUT.jsonl" : $"summarize: no such file: {batch}").ConfigureAwait(false);
            return 2;
        }

        using var host = CliServices.Build(database);
        var summaries = host.Services.GetRequiredService<ISummaryService>();
        if (batch is not null)
        {
            return await RunBatchAsync(console, summaries, batch, output!, cancellationToken).ConfigureAwait(false);
        }

        var (article, sentences, error) = await LoadAsync(host.Services.GetRequiredService<IArticleStore>(), target!, cancellationToken).ConfigureAwait(false);
        if (article is null)
        {
            await console.Error.WriteLineAsync($"summarize: {error}").ConfigureAwait(false);
            return 1;
        }

        var vectors = article.Id == 0 ? null : await host.Services.GetRequiredService<IArticleStore>().GetSentenceVectorsAsync(article.Id, cancellationToken).ConfigureAwait(false);
        var summary = await summaries.SummarizeAsync(article, sentences, vectors, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await console.Out.WriteLineAsync(CliJson.Serialize(CliJson.Summary(article.Id == 0 ? target : article.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), summary))).ConfigureAwait(false);
        }
        else
        {
            await console.Out.WriteLineAsync(article.Title).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"TL;DR: {summary.Tldr}").ConfigureAwait(false);
            foreach (var point in summary.KeyPoints)
            {
                await console.Out.WriteLineAsync($"- {point}").ConfigureAwait(false);
            }
        }

        return 0;
    }

    private static async Task<int> RunBatchAsync(CliConsole console, ISummaryService summaries, string batch, string output, CancellationToken cancellationToken)
    {
        var failed = 0;
        await using var writer = new StreamWriter(output);
        await foreach (var line in JsonLinesFile.ReadAsync(batch).ConfigureAwait(false))
        {
            var id = line.Value is { } v ? JsonLinesFile.GetString(v, "id") : null;
            var text = line.Value is { } t ? JsonLinesFile.GetString(t, "text") : null;
            if (line.Error is not null || string.IsNullOrWhiteSpace(text))
            {
                failed++;
                await writer.WriteLineAsync(CliJson.Serialize(new { id, error = $"line {line.Number}: {line.Error ?? "missing \"text\""}" })).ConfigureAwait(false);
                continue;
            }

            var (article, sentences) = Transient(text, JsonLinesFile.GetString(line.Value!.Value, "title"));
            var summary = await summaries.SummarizeAsync(article, sentences, cancellationToken: cancellationToken).ConfigureAwait(false);
            await writer.WriteLineAsync(CliJson.Serialize(CliJson.Summary(id, summary))).ConfigureAwait(false);
        }

        if (failed > 0)
        {
            await console.Error.WriteLineAsync($"summarize: {failed} input line(s) could not be read; see the \"error\" lines in {output}").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    private static async Task<(Article? Article, IReadOnlyList<string> Sentences, string? Error)> LoadAsync(IArticleStore store, string target, CancellationToken cancellationToken)
    {
        if (long.TryParse(target, out var id) && !File.Exists(target))
        {
            var stored = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return (null, [], $"no article with id {id}");
            }

            var sentences = await store.GetSentencesAsync(id, cancellationToken).ConfigureAwait(false);
            return (stored, sentences.Select(s => s.Text).ToList(), null);
        }

        if (!File.Exists(target))
        {
            return (null, [], $"no such file or article id: {target}");
        }

        var text = await File.ReadAllTextAsync(target, cancellationToken).ConfigureAwait(false);
        var (article, sentencesOfFile) = Transient(text, null);
        return (article, sentencesOfFile, null);
    }

    /// <summary>An article that is summarized without being stored (a file or a batch line).</summary>
    private static (Article Article, IReadOnlyList<string> Sentences) Transient(string text, string? title)
    {
        var extracted = ArticleTextExtractor.Extract(text, title);
        var article = new Article(0, extracted.Title, extracted.Body, null, null, extracted.Published, string.Empty, DateTimeOffset.UtcNow);
        return (article, SentenceSplitter.Split(extracted.Body));
    }
}
