using System.Diagnostics;
using System.Text.Json;
using BriefingBot.Commands;
using BriefingBot.TestKit;
using Microsoft.Data.Sqlite;

namespace BriefingBot.IntegrationTests;

/// <summary>kill -9 in the middle of a large ingest: no partial article, and the next run completes the rest.</summary>
public sealed class KilledIngestTests : IDisposable
{
    private const int Stories = 120;
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AKilledIngestLeavesWholeArticlesAndTheNextRunFinishesTheCorpus()
    {
        var corpus = Path.Combine(_database.Directory, "corpus.jsonl");
        await File.WriteAllLinesAsync(corpus, Enumerable.Range(1, Stories).Select(i => JsonSerializer.Serialize(new
        {
            id = $"story-{i}",
            title = $"Town {i} opens a new library",
            text = $"The town of Example {i} opened a new public library on Monday. The building has {i * 10} seats and a reading garden. " +
                $"Its mayor said {i} volunteers helped move the books. Opening hours run from nine to seven on weekdays.",
        })));

        var start = new ProcessStartInfo("dotnet", [typeof(BriefingCli).Assembly.Location, "ingest", corpus, "--db", _database.Path, "--json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var process = Process.Start(start)!)
        {
            // Kill it hard once some articles are in, mid-run.
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (await CountAsync("articles") < 16 && DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }

            Assert.False(process.HasExited, "the ingest finished before it could be killed; make the corpus larger");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var articlesAfterKill = await CountAsync("articles");
        Assert.InRange(articlesAfterKill, 16, Stories - 1);
        Assert.Equal(0, await CountAsync("articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)"));
        Assert.Equal(0, await CountAsync("sentences WHERE vector IS NULL"));
        Assert.Equal(await CountAsync("sentences"), await CountAsync("sentences_fts"));

        using var output = new StringWriter();
        var code = await BriefingCli.RunAsync(["ingest", corpus, "--db", _database.Path, "--json"], new StringReader(string.Empty), output, new StringWriter());

        Assert.Equal(0, code);
        using var report = JsonDocument.Parse(output.ToString().Trim());
        Assert.Equal(Stories - articlesAfterKill, report.RootElement.GetProperty("added").GetInt32());
        Assert.Equal(articlesAfterKill, report.RootElement.GetProperty("duplicates").GetInt32());
        Assert.Equal(Stories, await CountAsync("articles"));
    }

    private async Task<long> CountAsync(string from)
    {
        if (!File.Exists(_database.Path))
        {
            return 0;
        }

        await using var connection = new SqliteConnection($"Data Source={_database.Path};Mode=ReadOnly;Pooling=False;Default Timeout=5");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {from};";
        try
        {
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (SqliteException)
        {
            // The schema is not created yet.
            return 0;
        }
    }
}
