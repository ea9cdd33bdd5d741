using System.Text.RegularExpressions;
using BriefingBot.AI.Offline.Entities;
using BriefingBot.Core.Answering;
using BriefingBot.Core.Articles;
using BriefingBot.Core.Text;

namespace BriefingBot.AI.Offline;

/// <summary>
/// Follow-up questions read against the conversation so far: a pronoun ("what did he say about Ukraine?") brings
/// in the last person talked about; an elliptical question ("and Australia?", "what about Japan?") is the last
/// question with its entity of the same kind swapped. What each answer was about is kept in the memory.
/// </summary>
internal static partial class FollowUps
{
    [GeneratedRegex(@"^(?:and|what about|how about|and what about)\s+(?<rest>.+?)\??$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Ellipsis();

    /// <summary>The question as it should be searched for, given what the conversation was about.</summary>
    public static string Resolve(string text, ConversationMemory? memory)
    {
        if (memory is null)
        {
            return text;
        }

        var ellipsis = Ellipsis().Match(text.Trim());
        if (ellipsis.Success && memory.LastQuestion is { } last)
        {
            var rest = ellipsis.Groups["rest"].Value;
            var replaced = last;
            var lastEntities = EntityRecognizer.Recognize(last);
            foreach (var entity in EntityRecognizer.Recognize(rest))
            {
                var same = lastEntities.FirstOrDefault(e => e.Kind == entity.Kind);
                replaced = same is null ? replaced.TrimEnd('?') + " " + entity.Text + "?" : replaced.Replace(same.Text, entity.Text, StringComparison.Ordinal);
            }

            return replaced == last ? last.TrimEnd('?') + " " + rest + "?" : replaced;
        }

        var tokens = Words.Tokenize(text);
        if (tokens.Any(t => t is "he" or "she" or "him" or "her" or "his") && memory.LastEntities.TryGetValue(nameof(EntityKind.Person), out var person))
        {
            return text.TrimEnd('?') + " (" + person + ")?";
        }

        return text;
    }

    /// <summary>What an elliptical follow-up asks about instead ("China" in "and China?"); null for other questions.</summary>
    public static string? Focus(string text, ConversationMemory? memory) =>
        memory?.LastQuestion is not null && Ellipsis().Match(text.Trim()) is { Success: true } ellipsis ? ellipsis.Groups["rest"].Value : null;

    /// <summary>Records what this answer was about: its article, and the last entity of each kind.</summary>
    public static void Remember(ConversationMemory memory, string resolvedQuestion, QuestionAnalysis analysis, Answer answer)
    {
        memory.LastQuestion = resolvedQuestion;
        if (answer.Citations.Count == 0)
        {
            return;
        }

        memory.LastArticleId = answer.Citations[0].ArticleId;
        // An entity answer is what the conversation is now about; otherwise the question's own entities are.
        var answered = answer.Span is { } span && analysis.EntityKinds.Count > 0 ? EntityRecognizer.Recognize(span) : [];
        var mentions = answered
            .Concat(analysis.Entities)
            .Concat(EntityRecognizer.Recognize(answer.Citations[0].Sentence));
        foreach (var group in mentions.GroupBy(e => e.Kind))
        {
            memory.LastEntities[group.Key.ToString()] = group.First().Canonical;
        }
    }
}
