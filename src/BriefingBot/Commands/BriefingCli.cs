using System.CommandLine;
using Microsoft.Extensions.Options;

namespace BriefingBot.Commands;

/// <summary>The command line: serve (default), ingest, ask, summarize, chat; every command takes --db.</summary>
internal static class BriefingCli
{
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var console = new CliConsole(input, output, error);
        var db = new Option<string?>("--db") { Description = "SQLite database file (default: Storage:ConnectionString in appsettings.json)", Recursive = true };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on (default http://localhost:3978)" };
        // An option belongs to one command, so each command gets its own instances.
        static Option<bool> Json() => new("--json") { Description = "Print JSON instead of text" };
        static Option<string?> Batch() => new("--batch") { Description = "JSON Lines input file" };
        static Option<string?> Out() => new("--out") { Description = "JSON Lines output file (with --batch)" };

        var root = new RootCommand("BriefingBot: a news-briefing chat bot. Without a command it serves the bot over HTTP.");
        root.Options.Add(db);
        root.Options.Add(urls);
        root.SetAction((result, ct) => ServeCommand.RunAsync(result.GetValue(db), result.GetValue(urls), ct));

        var serveUrls = new Option<string?>("--urls") { Description = urls.Description };
        var serve = new Command("serve", "Serve the bot on /api/messages (Emulator, Teams, Slack through Azure Bot Service)") { serveUrls };
        serve.SetAction((result, ct) => ServeCommand.RunAsync(result.GetValue(db), result.GetValue(serveUrls), ct));

        var paths = new Argument<string[]>("paths") { Description = "Files, folders, .jsonl corpora, web page or feed URLs", Arity = ArgumentArity.ZeroOrMore };
        var ingestJson = Json();
        var ingest = new Command("ingest", "Ingest text/Markdown files, folders, JSON Lines corpora, web pages and feeds") { paths, ingestJson };
        ingest.SetAction((result, ct) => Guard(console, () => IngestCommand.RunAsync(console, result.GetValue(db), result.GetValue(paths) ?? [], result.GetValue(ingestJson), ct)));

        var question = new Argument<string?>("question") { Description = "The question", Arity = ArgumentArity.ZeroOrOne };
        var (askJson, askBatch, askOut) = (Json(), Batch(), Out());
        var ask = new Command("ask", "Answer a question from the ingested news") { question, askJson, askBatch, askOut };
        ask.SetAction((result, ct) => Guard(console, () => AskCommand.RunAsync(console, result.GetValue(db), result.GetValue(question), result.GetValue(askJson), result.GetValue(askBatch), result.GetValue(askOut), ct)));

        var target = new Argument<string?>("target") { Description = "A stored article id or a text file", Arity = ArgumentArity.ZeroOrOne };
        var (summarizeJson, summarizeBatch, summarizeOut) = (Json(), Batch(), Out());
        var summarize = new Command("summarize", "Summarize an article: a TL;DR and key points") { target, summarizeJson, summarizeBatch, summarizeOut };
        summarize.SetAction((result, ct) => Guard(console, () => SummarizeCommand.RunAsync(console, result.GetValue(db), result.GetValue(target), result.GetValue(summarizeJson), result.GetValue(summarizeBatch), result.GetValue(summarizeOut), ct)));

        var since = new Option<string?>("--since") { Description = "Stories received since this date/time (default: the last 24 hours)" };
        var topics = new Option<string?>("--topics") { Description = "Comma-separated topics, e.g. defense,Asia" };
        var briefingJson = Json();
        var briefing = new Command("briefing", "Compose a briefing of the stories received in a period") { since, topics, briefingJson };
        briefing.SetAction((result, ct) => Guard(console, () => BriefingCommand.RunAsync(console, result.GetValue(db), result.GetValue(since), result.GetValue(topics), result.GetValue(briefingJson), ct)));

        var chat = new Command("chat", "Talk to the bot in this terminal");
        chat.SetAction((result, ct) => Guard(console, () => ChatCommand.RunAsync(console, result.GetValue(db), ct)));

        root.Subcommands.Add(serve);
        root.Subcommands.Add(ingest);
        root.Subcommands.Add(ask);
        root.Subcommands.Add(summarize);
        root.Subcommands.Add(briefing);
        root.Subcommands.Add(chat);

        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Turns configuration and I/O failures into a one-line reason and exit code 1.</summary>
    private static async Task<int> Guard(CliConsole console, Func<Task<int>> command)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (OptionsValidationException ex)
        {
            await console.Error.WriteLineAsync($"configuration error: {string.Join("; ", ex.Failures)}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
