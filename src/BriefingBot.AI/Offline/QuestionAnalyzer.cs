using System.Text.RegularExpressions;
using BriefingBot.AI.Offline.Entities;
using BriefingBot.Core.Text;

namespace BriefingBot.AI.Offline;

/// <summary>Reads the expected answer type from the question's wh-word and the noun it governs.</summary>
internal static partial class QuestionAnalyzer
{
    private static readonly (string[] Nouns, AnswerType Type)[] HeadNouns =
    [
        (["country", "countries", "nation", "nations", "state", "states"], AnswerType.Country),
        (["city", "cities", "place", "places", "town", "towns", "region", "regions", "capital", "location"], AnswerType.Place),
        (["person", "people", "minister", "ministers", "leader", "leaders", "official", "officials", "man", "woman", "player", "players"], AnswerType.Person),
        (["organization", "organizations", "organisation", "organisations", "company", "companies", "firm", "firms", "group", "groups", "party", "parties", "agency", "bank", "banks", "team", "teams", "alliance"], AnswerType.Organization),
        (["year", "day", "date", "month", "time"], AnswerType.Date),
        (["percentage", "percent", "share", "rate"], AnswerType.Percent),
        (["price", "cost", "amount", "sum", "budget", "value"], AnswerType.Money),
        (["number", "figure", "total"], AnswerType.Number),
    ];

    private static readonly HashSet<string> Auxiliaries = ["is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "will", "would", "can", "could", "should"];

    private static bool IsParticiple(string token) => token.Length > 4 && (token.EndsWith("ing", StringComparison.Ordinal) || token.EndsWith("ed", StringComparison.Ordinal));

    [GeneratedRegex(@"^(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should)\b", RegexOptions.IgnoreCase)]
    private static partial Regex YesNoStart();

    public static QuestionAnalysis Analyze(string question)
    {
        var q = question.Trim().TrimEnd('?', '.', '!').Trim();
        var lower = q.ToLowerInvariant();
        var tokens = Words.Tokenize(lower);
        var (type, list) = Classify(lower, tokens);
        var keyTerms = Words.ContentWords(q);
        var wh = tokens.FirstOrDefault(t => t is "which" or "what" or "who" or "whom" or "whose" or "where" or "when" or "why" or "how") ?? "other";
        return new QuestionAnalysis(type, list, keyTerms, EntityRecognizer.Recognize(q), wh);
    }

    private static (AnswerType Type, bool List) Classify(string lower, IReadOnlyList<string> tokens)
    {
        var wh = tokens.Select((t, i) => (t, i)).FirstOrDefault(x => x.t is "which" or "what" or "who" or "whom" or "whose" or "where" or "when" or "why" or "how");
        if (wh.t is null)
        {
            return YesNoStart().IsMatch(lower) ? (AnswerType.YesNo, false) : (AnswerType.Sentence, false);
        }

        switch (wh.t)
        {
            case "who" or "whom" or "whose":
                // "Who were the winners?" wants a list; "Who were the forces fighting?" and "who were expected to…"
                // use the plural verb for their own subject.
                var plural = wh.i + 1 < tokens.Count && tokens[wh.i + 1] is "are" or "were";
                return (AnswerType.Person, plural && !tokens.Skip(wh.i + 2).Any(IsParticiple));
            case "where":
                return (AnswerType.Place, false);
            case "when":
                return (AnswerType.Date, false);
            case "why":
                return (AnswerType.Reason, false);
            case "how":
                var next = wh.i + 1 < tokens.Count ? tokens[wh.i + 1] : string.Empty;
                return next switch
                {
                    "many" => (AnswerType.Number, false),
                    "much" => (AnswerType.Money, false),
                    "long" or "old" or "far" or "big" => (AnswerType.Number, false),
                    _ => (AnswerType.Sentence, false),
                };
        }

        // which/what + head noun, possibly after adjectives ("which other countries", "what two companies").
        for (var i = wh.i + 1; i < Math.Min(tokens.Count, wh.i + 4); i++)
        {
            // "What have legendary players failed to do?": a verb first means the noun is the subject, not the answer's kind.
            if (Auxiliaries.Contains(tokens[i]))
            {
                break;
            }

            foreach (var (nouns, type) in HeadNouns)
            {
                if (nouns.Contains(tokens[i]))
                {
                    var plural = tokens[i].EndsWith('s') || tokens[i] is "people";
                    return (type, plural && type is not (AnswerType.Date or AnswerType.Money or AnswerType.Percent or AnswerType.Number));
                }
            }
        }

        return (AnswerType.Sentence, false);
    }
}
