using BriefingBot.Core.Articles;

namespace BriefingBot.Core.Answering;

/// <summary>Answers questions about the ingested news, citing the sentences relied on.</summary>
public interface IAnswerService
{
    /// <summary>
    /// Answers <paramref name="question"/>. When it carries a <see cref="Question.Memory"/>, follow-ups are read
    /// against it and it is updated with what this answer was about (kept by the caller in conversation state).
    /// </summary>
    Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken = default);
}

/// <summary>A question and what the conversation knows so far.</summary>
/// <param name="Text">The user's words.</param>
/// <param name="Memory">Earlier turns of this conversation (for follow-ups), or null.</param>
/// <param name="Context">When set, answer from this text alone (reading-comprehension mode).</param>
public sealed record Question(string Text, ConversationMemory? Memory = null, string? Context = null);
