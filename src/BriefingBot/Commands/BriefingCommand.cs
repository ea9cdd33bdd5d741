using System.Globalization;
using BriefingBot.Core.Briefings;
using BriefingBot.Dialogs.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Commands;

/// <summary><c>briefing [--since DATE] [--topics a,b] [--json]</c>: the stories received since a moment, as one briefing.</summary>
internal static class BriefingCommand
{
    public static async Task<int> RunAsync(CliConsole console, string? database, string? since, string? topics, bool json, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var from = now.AddHours(-24);
        if (since is not null && !DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out from))
        {
            await console.Error.WriteLineAsync($"briefing: --since is not a date: {since}").ConfigureAwait(false);
            return 2;
        }

        var topicList = (topics ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        using var host = CliServices.Build(database);
        var briefing = await host.Services.GetRequiredService<IBriefingComposer>()
            .ComposeAsync(new BriefingRequest(from, now, topicList), cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await console.Out.WriteLineAsync(CliJson.Serialize(new
            {
                since = from,
                until = now,
                topics = topicList,
                items = briefing.Items.Select(i => new { headline = i.Headline, summary = i.Summary, sources = i.Sources.Select(CliJson.Citation) }),
                text = MarkdownRenderer.BriefingText(briefing),
            })).ConfigureAwait(false);
        }
        else
        {
            await console.Out.WriteLineAsync(MarkdownRenderer.BriefingText(briefing)).ConfigureAwait(false);
        }

        return 0;
    }
}
