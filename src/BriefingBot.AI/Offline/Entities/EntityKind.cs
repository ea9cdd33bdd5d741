namespace BriefingBot.AI.Offline.Entities;

/// <summary>The kinds of things questions ask for.</summary>
public enum EntityKind
{
    Person,
    Organization,
    Country,
    Place,
    Date,
    Number,
    Money,
    Percent,
}
