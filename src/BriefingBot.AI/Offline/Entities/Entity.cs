namespace BriefingBot.AI.Offline.Entities;

/// <summary>A mention in a sentence: its exact text and position, its kind, and a canonical name when known.</summary>
public sealed record Entity(string Text, EntityKind Kind, int Start, string Canonical)
{
    public int End => Start + Text.Length;
}
