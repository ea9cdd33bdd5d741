using BriefingBot.AI.Offline;
using BriefingBot.Core.Search;

namespace BriefingBot.TestKit;

/// <summary>
/// One MiniLM model for the whole test run: it is the real model, loaded once because each load costs
/// about a second and a few hundred MB.
/// </summary>
public static class SharedEmbedder
{
    private static readonly Lazy<ITextEmbedder> Shared = new(() => new MiniLmEmbedder());

    public static ITextEmbedder Instance => Shared.Value;
}
