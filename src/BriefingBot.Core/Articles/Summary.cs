namespace BriefingBot.Core.Articles;

/// <summary>A one-article summary: a one-line TL;DR and a few key points.</summary>
public sealed record Summary(string Tldr, IReadOnlyList<string> KeyPoints, IReadOnlyList<Citation> Citations)
{
    /// <summary>The TL;DR and the key points as one paragraph.</summary>
    public string Text => KeyPoints.Count == 0 ? Tldr : Tldr + " " + string.Join(" ", KeyPoints);
}
