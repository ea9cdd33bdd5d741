namespace BriefingBot.Core.Articles;

/// <summary>One sentence of an article's body, in reading order.</summary>
public sealed record ArticleSentence(long ArticleId, int Index, string Text);
