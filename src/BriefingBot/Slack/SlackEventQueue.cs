using System.Threading.Channels;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BriefingBot.Slack;

/// <summary>
/// Slack activities waiting for the bot. The endpoint acknowledges Slack at once (Slack retries after 3 s) and the
/// processor answers in the background, a few turns at a time.
/// </summary>
internal sealed class SlackEventQueue
{
    private readonly Channel<Activity> _queue = Channel.CreateBounded<Activity>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.Wait });

    /// <returns>False when the queue is full (the endpoint then answers 503 and Slack retries later).</returns>
    public bool TryEnqueue(Activity activity) => _queue.Writer.TryWrite(activity);

    public IAsyncEnumerable<Activity> ReadAllAsync(CancellationToken cancellationToken) => _queue.Reader.ReadAllAsync(cancellationToken);
}

internal sealed class SlackEventProcessor(SlackEventQueue queue, SlackAdapter adapter, IServiceProvider services) : BackgroundService
{
    private const int Parallelism = 4;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(
            queue.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
            async (activity, ct) =>
            {
                var bot = services.GetRequiredService<IBot>();
                await adapter.ProcessAsync(activity, bot.OnTurnAsync, ct).ConfigureAwait(false);
            });
}
