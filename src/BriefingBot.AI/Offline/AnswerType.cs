namespace BriefingBot.AI.Offline;

/// <summary>What kind of answer a question expects.</summary>
public enum AnswerType
{
    /// <summary>A sentence that explains (what happened, what/why/how questions).</summary>
    Sentence,
    Person,
    Organization,
    Country,
    Place,
    Date,
    Number,
    Money,
    Percent,
    Reason,
    YesNo,
}
