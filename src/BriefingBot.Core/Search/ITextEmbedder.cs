namespace BriefingBot.Core.Search;

/// <summary>Turns text into unit-length vectors whose dot product measures meaning similarity.</summary>
public interface ITextEmbedder
{
    int Dimensions { get; }

    Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
