using BriefingBot.Core.Ingestion;
using Microsoft.Extensions.DependencyInjection;

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
        var report = await pipeline.IngestAsync(paths, cancellationToken: cancellationToken).ConfigureAwait(false);
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
}
