namespace BriefingBot.Core.Answering;

/// <summary>What a conversation has been about, kept in conversation state so follow-ups survive a restart.</summary>
public sealed class ConversationMemory
{
    /// <summary>The article the last answer or summary came from.</summary>
    public long? LastArticleId { get; set; }

    /// <summary>The last question asked.</summary>
    public string? LastQuestion { get; set; }

    /// <summary>The last entity of each kind mentioned in an answer ("Person" → "Gen Nakatani").</summary>
    public Dictionary<string, string> LastEntities { get; set; } = [];
}
