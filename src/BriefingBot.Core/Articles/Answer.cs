namespace BriefingBot.Core.Articles;

/// <summary>A reply to a question, with the sentences it relied on.</summary>
/// <param name="Text">What the user reads: one or two sentences.</param>
/// <param name="Span">The shortest text that answers the question (an entity, a list, a figure), or null.</param>
/// <param name="Citations">The sentences the answer came from, best first.</param>
/// <param name="Confidence">0..1; below the answerer's threshold the answer abstains.</param>
public sealed record Answer(string Text, string? Span, IReadOnlyList<Citation> Citations, double Confidence)
{
    /// <summary>True when the answer says the articles do not contain the answer.</summary>
    public bool IsAbstention => Citations.Count == 0;

    /// <summary>An answer that says the articles do not answer, pointing at the closest story when there is one.</summary>
    public static Answer Abstain(string message, Article? closest) =>
        new(closest is null ? message : $"{message} The closest story I have is \"{closest.Title}\".", null, [], 0);
}
