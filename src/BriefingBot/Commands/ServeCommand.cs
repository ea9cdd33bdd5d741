using BriefingBot.Hosting;

namespace BriefingBot.Commands;

/// <summary><c>serve [--urls URL]</c>: the HTTP service (the default command).</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string? database, string? urls, CancellationToken cancellationToken)
    {
        await using var app = BriefingWebApp.Build(database, urls);
        await app.RunAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
