using BriefingBot.Bot;
using BriefingBot.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Commands;

/// <summary><c>chat</c>: talk to the bot in the terminal, through the same bot and dialogs as the server.</summary>
internal static class ChatCommand
{
    public static async Task<int> RunAsync(CliConsole console, string? database, CancellationToken cancellationToken)
    {
        using var host = CliServices.Build(database);
        await host.Services.GetRequiredService<SampleLoader>().LoadIfEmptyAsync(cancellationToken).ConfigureAwait(false);
        var bot = host.Services.GetRequiredService<IBot>();
        var conversationState = host.Services.GetRequiredService<ConversationState>();
        var adapter = new ConsoleAdapter(console.Out);
        adapter.OnTurnError = async (turn, exception) =>
        {
            await console.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            await conversationState.DeleteAsync(turn, cancellationToken).ConfigureAwait(false);
        };

        var user = new ChannelAccount(Environment.UserName, Environment.UserName);
        var botAccount = new ChannelAccount("briefingbot", "BriefingBot");
        var conversation = new ConversationAccount(id: $"console-{Environment.UserName}");
        Activity Incoming(string type) => new()
        {
            Type = type,
            Id = Guid.NewGuid().ToString("N"),
            ChannelId = ConsoleAdapter.ChannelId,
            ServiceUrl = "urn:briefingbot:console",
            From = user,
            Recipient = botAccount,
            Conversation = conversation,
            Timestamp = DateTimeOffset.UtcNow,
            Locale = "en-US",
        };

        var update = Incoming(ActivityTypes.ConversationUpdate);
        update.MembersAdded = [user];
        await adapter.ProcessAsync(update, bot, cancellationToken).ConfigureAwait(false);
        await console.Out.WriteLineAsync("(type a question; \"exit\" to leave)").ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            await console.Out.WriteAsync("> ").ConfigureAwait(false);
            await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null || line.Trim() is "exit" or "quit" or "/exit")
            {
                break;
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            var message = Incoming(ActivityTypes.Message);
            message.Text = line;
            await adapter.ProcessAsync(message, bot, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }
}
