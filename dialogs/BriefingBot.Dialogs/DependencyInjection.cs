using BriefingBot.Dialogs.Flows;
using BriefingBot.Dialogs.Rendering;
using BriefingBot.Dialogs.Stack;
using BriefingBot.Dialogs.State;
using BriefingBot.Dialogs.Subscriptions;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BriefingBot.Dialogs;

public static class DependencyInjection
{
    /// <summary>The bot, its dialogs, renderers and state on the document store.</summary>
    public static IServiceCollection AddBriefingDialogs(this IServiceCollection services)
    {
        services.AddSingleton<IStorage, DocumentBotStorage>();
        services.AddSingleton<ConversationState>();
        services.AddSingleton<UserState>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<TeamsCardRenderer>();
        services.AddSingleton<ReplyRendererSelector>();
        services.AddSingleton<Dialog, HelpDialog>();
        services.AddSingleton<Dialog, AskDialog>();
        services.AddSingleton<Dialog, SummarizeDialog>();
        services.AddSingleton<Dialog, BriefingDialog>();
        services.AddSingleton<Dialog, SubscriptionDialog>();
        services.AddSingleton<Dialog, SourcesDialog>();
        services.AddSingleton<BriefingDeliverer>();
        services.AddSingleton<BriefingScheduler>();
        services.TryAddSingleton<IProactiveSender, AdapterProactiveSender>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DialogManager>();
        services.AddTransient<IBot, BriefingActivityHandler>();
        services.AddTransient<BriefingActivityHandler>();
        return services;
    }
}
