using Microsoft.Extensions.Logging;

namespace BriefingBot.Core;

/// <summary>
/// Runs a round of background work now and then every period on a <see cref="TimeProvider"/> (so tests control
/// time); a failed round is logged and the next one runs as usual. Shared by the briefing scheduler and the feed poller.
/// </summary>
public static class PeriodicWork
{
    /// <summary>A name for this process in leases and delivery records: machine, process and a random suffix.</summary>
    public static string NewInstanceName() => $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public static async Task RunAsync(TimeSpan period, TimeProvider time, Func<CancellationToken, Task> round, ILogger logger, string name, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, time);
        do
        {
            try
            {
                await round(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The {Worker} failed a round", name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
