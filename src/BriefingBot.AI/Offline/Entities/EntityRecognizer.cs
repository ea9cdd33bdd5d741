using System.Text.RegularExpressions;

namespace BriefingBot.AI.Offline.Entities;

/// <summary>
/// Finds people, organizations, countries, dates, numbers, money and percentages in a sentence from
/// capitalization, context words and the region gazetteer. No NER model is served for .NET here, so this is
/// rule-based: general English patterns, nothing tuned to particular articles.
/// </summary>
internal static partial class EntityRecognizer
{
    private static readonly HashSet<string> OrganizationHeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "Organization", "Organisation", "Ministry", "Department", "Council", "Union", "Bank", "Party", "Agency",
        "Commission", "Committee", "Association", "Institute", "University", "College", "Company", "Corporation",
        "Corp", "Inc", "Ltd", "Group", "Forces", "Force", "Army", "Navy", "Parliament", "Congress", "Senate",
        "Court", "Office", "Bureau", "Board", "Federation", "League", "Fund", "Foundation", "Times", "News",
        "Post", "Journal", "Service", "Authority", "Alliance", "Assembly", "Police", "Club", "Airlines", "Motors",
    };

    private static readonly HashSet<string> RoleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Minister", "President", "Prime", "Secretary", "General", "Chancellor", "Defense", "Defence", "Foreign",
        "Finance", "Deputy", "Vice", "Chief", "Executive", "Chairman", "Chairwoman", "Chair", "Director", "Governor",
        "Senator", "Representative", "Ambassador", "King", "Queen", "Prince", "Princess", "Pope", "Mayor", "Judge",
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Sir", "Dame", "Lord", "Lady", "Gov", "Sen", "Rep", "Coach", "Captain",
        "Spokesman", "Spokeswoman", "Spokesperson", "Commander", "Leader", "Officer", "Head", "Former", "Acting",
        "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gov.", "Sen.", "Rep.", "Gen.", "Lt.", "Col.", "Capt.", "Secretary-General",
    };

    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "The", "A", "An", "This", "That", "These", "Those", "He", "She", "It", "They", "We", "I", "You", "His", "Her",
        "Their", "Our", "Its", "In", "On", "At", "For", "But", "And", "Or", "If", "When", "While", "After", "Before",
        "During", "Regarding", "According", "As", "With", "From", "By", "Of", "To", "Ahead", "Under", "Over", "Since",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
        "April", "May", "June", "July", "August", "September", "October", "November", "December", "Meanwhile",
        "However", "Also", "Yet", "Still", "There", "Here", "What", "Which", "Who", "Why", "How", "Where", "Some",
        "Many", "Most", "All", "Both", "Each", "Such", "Other", "Another", "Last", "Next", "New", "Mr", "Mrs",
    };

    [GeneratedRegex(@"(?:[A-Z][\p{L}'’\-]*\.?|[A-Z]{2,}\.?|[A-Z]\.(?:[A-Z]\.)+)(?:\s+(?:(?:of|the|for|and|de|da|von|van|al|bin|la|le|du)\s+)?(?:[A-Z][\p{L}'’\-]*\.?|[A-Z]{2,}|[A-Z]\.(?:[A-Z]\.)+))*", RegexOptions.CultureInvariant)]
    private static partial Regex CapitalizedRun();

    [GeneratedRegex(@"(?:[$€£¥]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|trillion|bn|m|mil\.?|tril\.?))?|\d[\d,]*(?:\.\d+)?\s?(?:million|billion|trillion|bn|m)?\s?(?:dollars|euros|pounds|yen|yuan|rupees|USD|EUR|GBP|JPY))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoneyPattern();

    [GeneratedRegex(@"\d+(?:\.\d+)?\s?(?:%|per ?cent|percent)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"\b(?:(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{4})?|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:1[5-9]|20)\d{2}s?|(?:yesterday|today|tomorrow|last\s+(?:week|month|year)|next\s+(?:week|month|year)))\b", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|trillion|thousand|hundred|mil\.?|tril\.?))?\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|dozens?|hundreds|thousands|millions)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    /// <summary>All entities in <paramref name="sentence"/>, in order of position, without overlaps.</summary>
    public static IReadOnlyList<Entity> Recognize(string sentence)
    {
        var found = new List<Entity>();
        AddMatches(found, MoneyPattern(), sentence, EntityKind.Money);
        AddMatches(found, PercentPattern(), sentence, EntityKind.Percent);
        AddMatches(found, DatePattern(), sentence, EntityKind.Date);
        foreach (Match run in CapitalizedRun().Matches(sentence))
        {
            ClassifyRun(sentence, run.Index, run.Value.TrimEnd('.', '’', '\''), found);
        }

        AddMatches(found, NumberPattern(), sentence, EntityKind.Number);
        return found.OrderBy(e => e.Start).ToList();
    }

    /// <summary>Entities of the requested kinds, each canonical name once, in order of position.</summary>
    public static IReadOnlyList<Entity> Recognize(string sentence, IReadOnlySet<EntityKind> kinds) =>
        Recognize(sentence).Where(e => kinds.Contains(e.Kind)).DistinctBy(e => e.Canonical).ToList();

    private static void AddMatches(List<Entity> found, Regex pattern, string sentence, EntityKind kind)
    {
        foreach (Match match in pattern.Matches(sentence))
        {
            var text = match.Value.Trim();
            if (text.Length > 0)
            {
                TryAdd(found, new Entity(text, kind, match.Index + match.Value.IndexOf(text, StringComparison.Ordinal), text));
            }
        }
    }

    private static void TryAdd(List<Entity> found, Entity entity)
    {
        if (!found.Any(e => e.Start < entity.End && entity.Start < e.End))
        {
            found.Add(entity);
        }
    }

    /// <summary>Splits a run of capitalized words into countries and the name around them, then classifies the rest.</summary>
    private static void ClassifyRun(string sentence, int start, string run, List<Entity> found)
    {
        var words = run.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var offsets = new int[words.Length];
        var position = 0;
        for (var i = 0; i < words.Length; i++)
        {
            position = run.IndexOf(words[i], position, StringComparison.Ordinal);
            offsets[i] = position;
            position += words[i].Length;
        }

        var gazetteer = Gazetteer.Instance;
        var i0 = 0;
        var pendingStart = 0;
        while (i0 < words.Length)
        {
            var matched = 0;
            for (var n = Math.Min(gazetteer.MaxWords, words.Length - i0); n >= 1; n--)
            {
                var candidate = string.Join(' ', words, i0, n).TrimEnd(',', ';', ':');
                var country = gazetteer.CountryOf(candidate) ?? gazetteer.CountryOf(candidate.TrimEnd('.'));
                if (country is null)
                {
                    continue;
                }

                // "Korea" inside "South Korea" is matched as the longer name; a country name followed by a
                // capitalized noun ("Japan Coast Guard") is part of an organization, not the country itself.
                var next = i0 + n < words.Length ? words[i0 + n] : null;
                if (next is not null && OrganizationHeads.Contains(next.TrimEnd('.', ',')))
                {
                    break;
                }

                ClassifyName(sentence, start, run, words, offsets, pendingStart, i0, found);
                TryAdd(found, new Entity(candidate, EntityKind.Country, start + offsets[i0], country));
                matched = n;
                break;
            }

            if (matched > 0)
            {
                i0 += matched;
                pendingStart = i0;
            }
            else
            {
                i0++;
            }
        }

        ClassifyName(sentence, start, run, words, offsets, pendingStart, words.Length, found);
    }

    private static void ClassifyName(string sentence, int start, string run, string[] words, int[] offsets, int from, int to, List<Entity> found)
    {
        // Drop leading sentence-start words, then split at the last role word: what follows is the person
        // ("NATO Secretary General Mark Rutte" → "Mark Rutte"); an acronym before the role is an organization.
        while (from < to && NotNames.Contains(words[from]))
        {
            from++;
        }

        var lastRole = -1;
        for (var i = from; i < to - 1; i++)
        {
            if (RoleWords.Contains(words[i]))
            {
                lastRole = i;
            }
        }

        var roleSeen = lastRole >= 0 || (from < to && RoleWords.Contains(words[from]));
        if (lastRole >= 0)
        {
            if (IsAcronym(words[from]) && !RoleWords.Contains(words[from]))
            {
                TryAdd(found, new Entity(words[from], EntityKind.Organization, start + offsets[from], words[from]));
            }

            from = lastRole + 1;
        }

        while (from < to && RoleWords.Contains(words[from]))
        {
            from++;
        }

        while (to > from && (words[to - 1] is "and" or "of" or "the" or "for" || NotNames.Contains(words[to - 1])))
        {
            to--;
        }

        if (from >= to)
        {
            return;
        }

        var first = offsets[from];
        var last = offsets[to - 1] + words[to - 1].Length;
        var text = run[first..last].TrimEnd(',', ';', ':', '.');
        var absolute = start + first;
        var count = to - from;
        EntityKind kind;
        if (OrganizationHeads.Contains(words[to - 1].TrimEnd('.', ',')) || IsAcronym(text) || text.Contains(" of ", StringComparison.Ordinal))
        {
            kind = EntityKind.Organization;
        }
        else if (roleSeen || (count is >= 2 and <= 4 && absolute > 0))
        {
            kind = EntityKind.Person;
        }
        else if (count == 1 && absolute > 0 && (IsAfterLocationPreposition(sentence, absolute) || sentence[..absolute].TrimEnd().EndsWith(" the", StringComparison.OrdinalIgnoreCase)))
        {
            kind = EntityKind.Place;
        }
        else if (count == 1 && absolute > 0)
        {
            // A lone capitalized word mid-sentence is most often a surname on second mention.
            kind = EntityKind.Person;
        }
        else
        {
            return;
        }

        TryAdd(found, new Entity(text, kind, absolute, text));
    }

    private static bool IsAcronym(string text) => text.Length is >= 2 and <= 6 && text.All(c => char.IsUpper(c) || char.IsDigit(c));

    private static bool IsAfterLocationPreposition(string sentence, int start)
    {
        var before = sentence[..start].TrimEnd();
        return before.EndsWith(" in", StringComparison.Ordinal) || before.EndsWith(" at", StringComparison.Ordinal)
            || before.EndsWith(" to", StringComparison.Ordinal) || before.EndsWith(" from", StringComparison.Ordinal)
            || before.EndsWith(" near", StringComparison.Ordinal);
    }
}
