using BriefingBot.Core.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace BriefingBot.Commands;

/// <summary><c>ingest PATH|URL... [--json]</c>: text/Markdown files, folders, JSON Lines corpora, web pages and feeds.</summary>
internal static class IngestCommand
{
    public static async Task<int> RunAsync(CliConsole console, string? database, IReadOnlyList<string> paths, bool json, CancellationToken cancellationToken)
    {
        if (paths.Count == 0)
        {
            await console.Error.WriteLineAsync("ingest: give at least one file or folder").ConfigureAwait(false);
            return 2;
        }

        using var host = CliServices.Build(database);
        var pipeline = host.Services.GetRequiredService<IngestionPipeline>();
        var report = ShowsProgress(console, json)
            ? await IngestWithProgressBarAsync(pipeline, paths, cancellationToken).ConfigureAwait(false)
            : await pipeline.IngestAsync(paths, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await console.Out.WriteLineAsync(CliJson.Serialize(new
            {
                added = report.Added,
                duplicates = report.Duplicates,
                failed = report.Failed.Select(f => new { source = f.Source, error = f.Error }),
            })).ConfigureAwait(false);
        }
        else
        {
            await console.Out.WriteLineAsync($"Added {report.Added}, duplicates {report.Duplicates}, failed {report.Failed.Count}.").ConfigureAwait(false);
            foreach (var failure in report.Failed)
            {
                await console.Error.WriteLineAsync($"{failure.Source}: {failure.Error}").ConfigureAwait(false);
            }
        }

        if (report.Failed.Count > 0)
        {
            await console.Error.WriteLineAsync($"ingest: {report.Failed.Count} input(s) could not be ingested").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    /// <summary>A progress bar only for a person at a terminal: never with --json, redirected output or in tests.</summary>
    private static bool ShowsProgress(CliConsole console, bool json) =>
        !json && ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    private static Task<IngestionReport> IngestWithProgressBarAsync(IngestionPipeline pipeline, IReadOnlyList<string> paths, CancellationToken cancellationToken) =>
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var estimate = EstimateItems(paths);
                var task = context.AddTask("Ingesting", maxValue: Math.Max(1, estimate ?? 1));
                task.IsIndeterminate = estimate is null;
                var added = 0;
                var progress = new Reporter(item =>
                {
                    added += item.ArticleId is null ? 0 : 1;
                    task.Description = $"Ingesting ({added} added)";
                    task.Increment(1);
                });
                var report = await pipeline.IngestAsync(paths, progress, cancellationToken).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return report;
            });

    /// <summary>How many items the inputs hold (lines of a JSON Lines file, files of a folder); null for URLs.</summary>
    private static int? EstimateItems(IReadOnlyList<string> paths)
    {
        var total = 0;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                total += Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Count(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".md", StringComparison.OrdinalIgnoreCase));
            }
            else if (File.Exists(path))
            {
                total += path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? File.ReadLines(path).Count(l => !string.IsNullOrWhiteSpace(l)) : 1;
            }
            else
            {
                return null;
            }
        }

        return total;
    }

    /// <summary>Reports on the pipeline's own thread (Progress&lt;T&gt; would post to the thread pool out of order).</summary>
    private sealed class Reporter(Action<IngestionItem> report) : IProgress<IngestionItem>
    {
        public void Report(IngestionItem value) => report(value);
    }
}
