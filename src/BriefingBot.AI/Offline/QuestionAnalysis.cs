using BriefingBot.AI.Offline.Entities;

namespace BriefingBot.AI.Offline;

/// <summary>What a question asks for: the answer type, whether it wants a list, and its key terms.</summary>
public sealed record QuestionAnalysis(AnswerType Type, bool WantsList, IReadOnlyList<string> KeyTerms, IReadOnlyList<Entity> Entities, string WhWord = "other")
{
    /// <summary>The entity kinds that can answer this question (empty for sentence answers).</summary>
    public IReadOnlySet<EntityKind> EntityKinds => Type switch
    {
        AnswerType.Person => new HashSet<EntityKind> { EntityKind.Person },
        AnswerType.Organization => new HashSet<EntityKind> { EntityKind.Organization },
        AnswerType.Country => new HashSet<EntityKind> { EntityKind.Country },
        AnswerType.Place => new HashSet<EntityKind> { EntityKind.Place, EntityKind.Country },
        AnswerType.Date => new HashSet<EntityKind> { EntityKind.Date },
        AnswerType.Number => new HashSet<EntityKind> { EntityKind.Number, EntityKind.Money, EntityKind.Percent },
        AnswerType.Money => new HashSet<EntityKind> { EntityKind.Money, EntityKind.Number },
        AnswerType.Percent => new HashSet<EntityKind> { EntityKind.Percent },
        _ => new HashSet<EntityKind>(),
    };
}
