using System.Diagnostics;
using BriefingBot.Core.Answering;
using BriefingBot.Core.Articles;
using BriefingBot.Dialogs.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Commands;

/// <summary><c>ask "QUESTION" [--json]</c> and <c>ask --batch IN.jsonl --out OUT.jsonl</c>.</summary>
internal static class AskCommand
{
    public static async Task<int> RunAsync(CliConsole console, string? database, string? question, bool json, string? batch, string? output, CancellationToken cancellationToken)
    {
        if (batch is null && string.IsNullOrWhiteSpace(question))
        {
            await console.Error.WriteLineAsync("ask: give a question, or --batch IN.jsonl --out OUT.jsonl").ConfigureAwait(false);
            return 2;
        }

        if (batch is not null && output is null)
        {
            await console.Error.WriteLineAsync("ask: --batch needs --out OUT.jsonl").ConfigureAwait(false);
            return 2;
        }

        if (batch is not null && !File.Exists(batch))
        {
            await console.Error.WriteLineAsync($"ask: no such file: {batch}").ConfigureAwait(false);
            return 2;
        }

        using var host = CliServices.Build(database);
        var answers = host.Services.GetRequiredService<IAnswerService>();
        if (batch is null)
        {
            var watch = Stopwatch.StartNew();
            var answer = await answers.AnswerAsync(new Question(question!), cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync(json
                ? CliJson.Serialize(CliJson.Answer(null, answer, watch.ElapsedMilliseconds))
                : PlainText(answer)).ConfigureAwait(false);
            return 0;
        }

        var failed = 0;
        await using var writer = new StreamWriter(output!);
        await foreach (var line in JsonLinesFile.ReadAsync(batch).ConfigureAwait(false))
        {
            var id = line.Value is { } v ? JsonLinesFile.GetString(v, "id") : null;
            var text = line.Value is { } q ? JsonLinesFile.GetString(q, "question") : null;
            if (line.Error is not null || string.IsNullOrWhiteSpace(text))
            {
                failed++;
                await writer.WriteLineAsync(CliJson.Serialize(new { id, error = $"line {line.Number}: {line.Error ?? "missing \"question\""}" })).ConfigureAwait(false);
                continue;
            }

            var watch = Stopwatch.StartNew();
            var answer = await answers.AnswerAsync(new Question(text, Context: JsonLinesFile.GetString(line.Value!.Value, "context")), cancellationToken).ConfigureAwait(false);
            await writer.WriteLineAsync(CliJson.Serialize(CliJson.Answer(id, answer, watch.ElapsedMilliseconds))).ConfigureAwait(false);
        }

        if (failed > 0)
        {
            await console.Error.WriteLineAsync($"ask: {failed} input line(s) could not be read; see the \"error\" lines in {output}").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    private static string PlainText(Answer answer)
    {
        var lines = new List<string> { answer.Text };
        foreach (var citation in answer.Citations)
        {
            lines.Add($"  Source: {MarkdownRenderer.Describe(citation)}");
            lines.Add($"    \"{citation.Sentence}\"");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
