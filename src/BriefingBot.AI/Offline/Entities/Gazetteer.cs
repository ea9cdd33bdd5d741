using System.Globalization;

namespace BriefingBot.AI.Offline.Entities;

/// <summary>
/// Country names and their short forms, built from the ICU region data behind .NET's <see cref="RegionInfo"/>
/// (English names of every region a culture names), not from a hand-written list.
/// </summary>
internal sealed class Gazetteer
{
    // Two-letter codes that are also common English words or abbreviations; only their dotted forms count.
    private static readonly HashSet<string> AmbiguousCodes = new(StringComparer.Ordinal)
    {
        "AD", "AI", "AM", "AS", "AT", "BE", "BY", "CA", "CO", "DO", "GO", "ID", "IE", "IN", "IS", "IT", "LA", "MA",
        "ME", "MY", "NO", "OR", "PA", "PE", "PM", "PS", "SO", "ST", "TO", "TV", "UM", "US", "GA", "MD", "MS", "MT",
        "NE", "SC", "SD", "TN", "AL", "CH", "CD", "DE", "EG", "GB", "LI", "LU", "NA", "RE", "SE", "TD", "TM", "VA",
    };

    private static readonly Lazy<Gazetteer> Shared = new(Build);

    private readonly Dictionary<string, string> _names;
    private readonly HashSet<string> _demonyms = [];

    private Gazetteer(Dictionary<string, string> names)
    {
        _names = names;
        MaxWords = names.Keys.Max(k => k.Split(' ').Length);
    }

    public static Gazetteer Instance => Shared.Value;

    /// <summary>The most words in any name ("Bosnia and Herzegovina" has three).</summary>
    public int MaxWords { get; }

    /// <summary>The canonical country name for <paramref name="name"/> (case as written), or null.</summary>
    public string? CountryOf(string name) => _names.TryGetValue(name, out var canonical) ? canonical : null;

    /// <summary>True for a demonym ("Japanese"): it names a country's people or things, not the country taking part.</summary>
    public bool IsDemonym(string name) => _demonyms.Contains(name);

    private static Gazetteer Build()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try
            {
                region = new RegionInfo(culture.Name);
            }
            catch (ArgumentException)
            {
                continue;
            }

            var code = region.TwoLetterISORegionName;
            if (code.Length != 2 || !char.IsLetter(code[0]) || code == "001" || region.EnglishName.Contains("World", StringComparison.Ordinal))
            {
                continue;
            }

            var canonical = Canonical(region.EnglishName);
            names.TryAdd(canonical, canonical);
            names.TryAdd(region.EnglishName, canonical);
            if (canonical.StartsWith("The ", StringComparison.Ordinal))
            {
                names.TryAdd(canonical[4..], canonical);
            }

            names.TryAdd(string.Join('.', code.ToCharArray()) + ".", canonical);
            if (!AmbiguousCodes.Contains(code))
            {
                names.TryAdd(code, canonical);
            }
        }

        var countries = names.Keys.ToHashSet(StringComparer.Ordinal);
        AddDemonyms(names);
        var demonyms = names.Keys.Where(k => !countries.Contains(k)).ToList();

        // "United States" and "United Kingdom" also have customary short forms that ICU does not list.
        AddAlias(names, "U.S.", "United States");
        AddAlias(names, "US", "United States");
        AddAlias(names, "USA", "United States");
        AddAlias(names, "U.K.", "United Kingdom");
        AddAlias(names, "UK", "United Kingdom");
        AddAlias(names, "Britain", "United Kingdom");
        AddAlias(names, "Great Britain", "United Kingdom");
        AddAlias(names, "S. Korea", "South Korea");
        AddAlias(names, "N. Korea", "North Korea");
        var gazetteer = new Gazetteer(names);
        gazetteer._demonyms.UnionWith(demonyms);
        return gazetteer;
    }

    /// <summary>
    /// Demonyms from two general sources: the English names of languages, mapped to the country of the language's
    /// own region ("Japanese" → Japan, "Ukrainian" → Ukraine), and the regular "-n" form of country names that end
    /// in "a" ("Australian", "Korean", "Indian").
    /// </summary>
    private static void AddDemonyms(Dictionary<string, string> names)
    {
        foreach (var language in CultureInfo.GetCultures(CultureTypes.NeutralCultures))
        {
            if (language.Name.Length != 2 || language.EnglishName.Contains(' ', StringComparison.Ordinal) || language.Name == "en")
            {
                continue;
            }

            var own = $"{language.Name}-{language.Name.ToUpperInvariant()}";
            string? region = null;
            try
            {
                region = CultureInfo.GetCultures(CultureTypes.SpecificCultures).Any(c => c.Name == own)
                    ? new RegionInfo(own).EnglishName
                    : new RegionInfo(CultureInfo.CreateSpecificCulture(language.Name).Name).EnglishName;
            }
            catch (ArgumentException)
            {
                continue;
            }

            if (region is not null && names.TryGetValue(region, out var country))
            {
                names.TryAdd(language.EnglishName, country);
            }
        }

        foreach (var (name, country) in names.ToList())
        {
            if (name == country && name.EndsWith('a') && !name.Contains(' ', StringComparison.Ordinal))
            {
                names.TryAdd(name + "n", country);
            }
            else if (name == country && name.EndsWith(" Korea", StringComparison.Ordinal))
            {
                names.TryAdd(name + "n", country);
            }
        }
    }

    private static void AddAlias(Dictionary<string, string> names, string alias, string canonical)
    {
        if (names.ContainsKey(canonical))
        {
            names[alias] = canonical;
        }
    }

    /// <summary>ICU names some regions with a qualifier ("Hong Kong SAR China"); the first part is what news writes.</summary>
    private static string Canonical(string englishName)
    {
        var name = englishName;
        foreach (var cut in new[] { " SAR", " (" })
        {
            var index = name.IndexOf(cut, StringComparison.Ordinal);
            if (index > 0)
            {
                name = name[..index];
            }
        }

        return name.Trim();
    }
}
