using BriefingBot.Core.Articles;

namespace BriefingBot.Core.Search;

/// <summary>A sentence found for a query, with its article and how well it matched.</summary>
/// <param name="Semantic">Cosine similarity of the sentence and query vectors (-1..1).</param>
/// <param name="Lexical">BM25 relative to the best full-text hit of this query (0..1).</param>
/// <param name="Score">The blend used for ranking.</param>
public sealed record RetrievedSentence(Article Article, ArticleSentence Sentence, double Semantic, double Lexical, double Score);
