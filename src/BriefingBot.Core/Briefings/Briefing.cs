using BriefingBot.Core.Articles;

namespace BriefingBot.Core.Briefings;

/// <summary>What a briefing covers.</summary>
/// <param name="Since">Stories the bot received from this moment on.</param>
/// <param name="Until">Up to this moment.</param>
/// <param name="Topics">Optional topics ("defense", "Asia", "tech"); empty means every story.</param>
/// <param name="MaxItems">The most stories one briefing lists.</param>
public sealed record BriefingRequest(DateTimeOffset Since, DateTimeOffset Until, IReadOnlyList<string> Topics, int MaxItems = 8);

/// <summary>A briefing: the period's stories, clustered, ranked and summarized; empty on a quiet day.</summary>
public sealed record Briefing(BriefingRequest Request, IReadOnlyList<BriefingItem> Items)
{
    public bool IsQuiet => Items.Count == 0;
}

/// <summary>One story of a briefing: a headline, a one-line summary, and every source that carried it.</summary>
public sealed record BriefingItem(string Headline, string Summary, IReadOnlyList<Citation> Sources, double Score);

/// <summary>Composes briefings from the stored stories.</summary>
public interface IBriefingComposer
{
    Task<Briefing> ComposeAsync(BriefingRequest request, CancellationToken cancellationToken = default);
}
