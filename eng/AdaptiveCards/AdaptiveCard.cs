namespace AdaptiveCards
{
    /// <summary>
    /// Placeholder for the real AdaptiveCards.AdaptiveCard. Microsoft.Bot.Schema only refers to this
    /// type in method signatures; BriefingBot sends Adaptive Cards as JSON attachments instead.
    /// </summary>
    public class AdaptiveCard
    {
    }
}
