using System.Globalization;
using System.Text;
using System.Text.Json;
using BriefingBot.AI.Offline;
using BriefingBot.Core.Briefings;
using Microsoft.SemanticKernel;

namespace BriefingBot.AI.Kernel;

/// <summary>
/// Briefings with the model's one-liners: the offline composer selects, clusters and ranks the stories and keeps
/// their sources; one request then asks the model for each story's one-line summary. A missing or over-long line
/// keeps the offline one; a model error or timeout keeps the offline briefing.
/// </summary>
internal sealed class KernelBriefingComposer(PromptRunner prompts, ExtractiveBriefingComposer offline) : IBriefingComposer
{
    private const int MaxSummaryWords = 40;

    public async Task<Briefing> ComposeAsync(BriefingRequest request, CancellationToken cancellationToken = default)
    {
        var briefing = await offline.ComposeAsync(request, cancellationToken).ConfigureAwait(false);
        if (briefing.IsQuiet)
        {
            return briefing;
        }

        var stories = new StringBuilder();
        for (var i = 0; i < briefing.Items.Count; i++)
        {
            var item = briefing.Items[i];
            stories.Append("<story id=\"").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("\" headline=\"").Append(PromptRunner.Data(item.Headline)).Append("\">")
                .Append(PromptRunner.Data(item.Sources[0].Sentence)).Append("</story>\n");
        }

        using var reply = await prompts.TryInvokeJsonAsync("compose-briefing.txt", new KernelArguments { ["stories"] = stories.ToString() }, "write the briefing", cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            return briefing;
        }

        var lines = new Dictionary<int, string>();
        if (reply.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                if (item.TryGetProperty("id", out var id) && id.TryGetInt32(out var n) && item.TryGetProperty("summary", out var summary)
                    && summary.ValueKind == JsonValueKind.String && summary.GetString() is { Length: > 0 } text
                    && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxSummaryWords)
                {
                    lines[n] = text.Trim();
                }
            }
        }

        return briefing with { Items = [.. briefing.Items.Select((item, i) => lines.TryGetValue(i + 1, out var line) ? item with { Summary = line } : item)] };
    }
}
