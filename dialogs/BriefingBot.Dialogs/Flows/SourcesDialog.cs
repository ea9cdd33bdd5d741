using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BriefingBot.Core;
using BriefingBot.Core.Feeds;
using BriefingBot.Core.Ingestion;
using BriefingBot.Core.Ingestion.Sources;
using BriefingBot.Dialogs.Stack;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace BriefingBot.Dialogs.Flows;

/// <summary>
/// "add feed URL", "list sources", "remove source 3", "poll source 3", "import opml" (an attached or pasted OPML
/// file), "export opml". Everyone may list; changes are for the admins in Admin:Users (and, while no app id is
/// configured, anyone in the Emulator).
/// </summary>
public sealed partial class SourcesDialog(
    ISourceStore sources,
    UrlSource urls,
    IOptions<AdminOptions> admins,
    IOptions<IngestionOptions> ingestion,
    IConfiguration configuration,
    TimeProvider time) : Dialog
{
    public const string DialogId = "sources";

    public override string Id => DialogId;

    [GeneratedRegex(@"https?://\S+", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"#?(?<id>\d{1,9})\b")]
    private static partial Regex IdPattern();

    public override async Task<DialogStatus> BeginAsync(DialogContext context, string argument, CancellationToken cancellationToken)
    {
        var text = argument.Trim();
        var verb = text.Split(' ', 2)[0].ToLowerInvariant();
        if (verb is "list" or "show" or "sources" or "feeds")
        {
            await ListAsync(context, cancellationToken).ConfigureAwait(false);
            return DialogStatus.Complete;
        }

        if (!IsAdmin(context.Turn.Activity))
        {
            await context.Turn.SendActivityAsync(
                $"Only the bot's admins can change its sources. An admin can add your id ({context.Turn.Activity.From?.AadObjectId ?? context.Turn.Activity.From?.Id}) to Admin:Users.",
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return DialogStatus.Complete;
        }

        var reply = verb switch
        {
            "add" or "follow" => await AddAsync(text, cancellationToken).ConfigureAwait(false),
            "remove" or "delete" or "unfollow" => await RemoveAsync(text, cancellationToken).ConfigureAwait(false),
            "poll" or "refresh" or "check" => await PollNowAsync(text, cancellationToken).ConfigureAwait(false),
            "import" => await ImportAsync(context.Turn.Activity, text, cancellationToken).ConfigureAwait(false),
            _ => await ExportAsync(cancellationToken).ConfigureAwait(false),
        };
        await context.Turn.SendActivityAsync(Markdown(reply), cancellationToken).ConfigureAwait(false);
        return DialogStatus.Complete;
    }

    /// <summary>Admins: listed ids (channel user id or AAD object id); in the Emulator, anyone while no app id is set.</summary>
    private bool IsAdmin(IActivity activity)
    {
        var from = activity.From;
        if (from is not null && admins.Value.Users.Any(u => u == from.Id || (from.AadObjectId is not null && u == from.AadObjectId)))
        {
            return true;
        }

        return activity.ChannelId == Microsoft.Bot.Connector.Channels.Emulator && string.IsNullOrEmpty(configuration["Bot:MicrosoftAppId"]);
    }

    private async Task ListAsync(DialogContext context, CancellationToken cancellationToken)
    {
        var all = await sources.ListAsync(cancellationToken).ConfigureAwait(false);
        if (all.Count == 0)
        {
            await context.Turn.SendActivityAsync("No sources yet. An admin can say \"add feed https://…\".", cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        var text = new StringBuilder("**Sources:**\n");
        foreach (var s in all)
        {
            text.Append("- #").Append(s.Id).Append(' ').Append(s.Title is null ? s.Url : $"{s.Title} — {s.Url}").Append(" — ");
            text.Append(s.Status == SourceStatus.Disabled
                ? "**disabled**: " + s.LastError
                : $"every {s.Interval.TotalMinutes:0} min, {s.ArticlesAdded} articles" + (s.LastPolled is { } polled ? $", last checked {polled:yyyy-MM-dd HH:mm} UTC" : ", not checked yet")
                    + (s.ConsecutiveFailures > 0 ? $", {s.ConsecutiveFailures} failed checks in a row ({s.LastError})" : string.Empty));
            text.Append('\n');
        }

        await context.Turn.SendActivityAsync(Markdown(text.ToString()), cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> AddAsync(string text, CancellationToken cancellationToken)
    {
        var urls = UrlPattern().Matches(text).Select(m => m.Value.TrimEnd('>', ')', '.', ',')).ToList();
        if (urls.Count == 0)
        {
            return "Which feed? Say \"add feed https://example.com/rss.xml\".";
        }

        var lines = new List<string>();
        foreach (var url in urls)
        {
            var (source, added) = await sources.AddAsync(url, null, ingestion.Value.PollInterval, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            lines.Add(added
                ? $"Added source #{source.Id}: {url}. I'll check it within a minute, then every {source.Interval.TotalMinutes:0} minutes."
                : $"{url} is already source #{source.Id}.");
        }

        return string.Join("\n\n", lines);
    }

    private async Task<string> RemoveAsync(string text, CancellationToken cancellationToken)
    {
        if (IdPattern().Match(text) is not { Success: true } match)
        {
            return "Which source? Say \"remove source 3\" (\"list sources\" shows the numbers).";
        }

        var id = long.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture);
        return await sources.RemoveAsync(id, cancellationToken).ConfigureAwait(false)
            ? $"Removed source #{id}. Articles already ingested from it stay."
            : $"There is no source #{id}.";
    }

    private async Task<string> PollNowAsync(string text, CancellationToken cancellationToken)
    {
        if (IdPattern().Match(text) is not { Success: true } match)
        {
            return "Which source? Say \"poll source 3\".";
        }

        var id = long.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture);
        return await sources.ScheduleNowAsync(id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false)
            ? $"Source #{id} is enabled and will be checked within a minute."
            : $"There is no source #{id}.";
    }

    private async Task<string> ImportAsync(IActivity activity, string text, CancellationToken cancellationToken)
    {
        string? xml = null;
        var start = text.IndexOf('<', StringComparison.Ordinal);
        if (start >= 0)
        {
            xml = text[start..];
        }
        else if (activity.AsMessageActivity()?.Attachments?.FirstOrDefault() is { } attachment)
        {
            xml = attachment.Content as string;
            if (xml is null && Uri.TryCreate(attachment.ContentUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            {
                (xml, var error) = await urls.FetchTextAsync(url, cancellationToken).ConfigureAwait(false);
                if (error is not null)
                {
                    return $"I couldn't download the attachment: {error}. Nothing was imported.";
                }
            }
        }

        if (string.IsNullOrWhiteSpace(xml))
        {
            return "Attach an OPML file to \"import opml\" (or paste its XML after the words).";
        }

        IReadOnlyList<Opml.Outline> outlines;
        try
        {
            outlines = Opml.Parse(xml);
        }
        catch (FormatException ex)
        {
            return $"I couldn't read that: {ex.Message}. Nothing was imported.";
        }

        var added = 0;
        foreach (var outline in outlines)
        {
            if ((await sources.AddAsync(outline.Url, outline.Title, ingestion.Value.PollInterval, time.GetUtcNow(), cancellationToken).ConfigureAwait(false)).Added)
            {
                added++;
            }
        }

        return $"Imported {added} new source{(added == 1 ? string.Empty : "s")} ({outlines.Count - added} already known) of {outlines.Count} in the file.";
    }

    private async Task<string> ExportAsync(CancellationToken cancellationToken)
    {
        var opml = Opml.Write(await sources.ListAsync(cancellationToken).ConfigureAwait(false), time.GetUtcNow());
        return "```xml\n" + opml + "\n```";
    }

    private static Activity Markdown(string text)
    {
        var reply = (Activity)MessageFactory.Text(text);
        reply.TextFormat = TextFormatTypes.Markdown;
        return reply;
    }
}
