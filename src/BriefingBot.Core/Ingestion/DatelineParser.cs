using System.Globalization;
using System.Text.RegularExpressions;

namespace BriefingBot.Core.Ingestion;

/// <summary>
/// Recognizes a line that states when an article was published ("15:02 JST, October 18, 2024",
/// "Published 18 October 2024", "2024-10-18T09:30:00Z") and parses it.
/// </summary>
public static partial class DatelineParser
{
    private const string Months = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

    // Offsets of the zone abbreviations news sites print; ambiguous ones take their most common news meaning.
    private static readonly Dictionary<string, TimeSpan> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = TimeSpan.Zero,
        ["GMT"] = TimeSpan.Zero,
        ["Z"] = TimeSpan.Zero,
        ["WET"] = TimeSpan.Zero,
        ["BST"] = TimeSpan.FromHours(1),
        ["CET"] = TimeSpan.FromHours(1),
        ["WEST"] = TimeSpan.FromHours(1),
        ["CEST"] = TimeSpan.FromHours(2),
        ["EET"] = TimeSpan.FromHours(2),
        ["EEST"] = TimeSpan.FromHours(3),
        ["MSK"] = TimeSpan.FromHours(3),
        ["IST"] = new TimeSpan(5, 30, 0),
        ["ICT"] = TimeSpan.FromHours(7),
        ["HKT"] = TimeSpan.FromHours(8),
        ["SGT"] = TimeSpan.FromHours(8),
        ["AWST"] = TimeSpan.FromHours(8),
        ["JST"] = TimeSpan.FromHours(9),
        ["KST"] = TimeSpan.FromHours(9),
        ["AEST"] = TimeSpan.FromHours(10),
        ["AEDT"] = TimeSpan.FromHours(11),
        ["NZST"] = TimeSpan.FromHours(12),
        ["NZDT"] = TimeSpan.FromHours(13),
        ["EST"] = TimeSpan.FromHours(-5),
        ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6),
        ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7),
        ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8),
        ["PDT"] = TimeSpan.FromHours(-7),
        ["ET"] = TimeSpan.FromHours(-5),
    };

    [GeneratedRegex(
        @"(?:(?<time>\d{1,2}:\d{2})\s*(?<ampm>[ap]\.?m\.?)?\s*(?<tz>[A-Z]{1,4}T|UTC|GMT|Z)?\s*,?\s*)?" +
        @"(?:(?<month>" + Months + @")\.?\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<year>\d{4})" +
        @"|(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?<month>" + Months + @")\.?,?\s+(?<year>\d{4})" +
        @"|(?<iso>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?))" +
        @"(?:\s*,?\s*(?:at\s+)?(?<time2>\d{1,2}:\d{2})\s*(?<ampm2>[ap]\.?m\.?)?\s*(?<tz2>[A-Z]{1,4}T|UTC|GMT)?)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    /// <summary>
    /// True when <paramref name="line"/> is a short line made of a date (and maybe a time, a zone and a word
    /// such as "Updated"); <paramref name="published"/> is then that moment (UTC when no zone is given).
    /// </summary>
    public static bool TryParse(string line, out DateTimeOffset published)
    {
        published = default;
        if (line.Length is 0 or > 100)
        {
            return false;
        }

        var match = DatePattern().Match(line);
        if (!match.Success)
        {
            return false;
        }

        var rest = line.Remove(match.Index, match.Length);
        if (rest.Split([' ', ',', '|', ':', '-', '—', '/'], StringSplitOptions.RemoveEmptyEntries).Length > 4)
        {
            return false;
        }

        return TryBuild(match, out published);
    }

    private static bool TryBuild(Match match, out DateTimeOffset published)
    {
        published = default;
        if (match.Groups["iso"].Success)
        {
            return DateTimeOffset.TryParse(match.Groups["iso"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out published);
        }

        var monthText = match.Groups["month"].Value;
        var month = Array.FindIndex(
            CultureInfo.InvariantCulture.DateTimeFormat.MonthNames,
            m => m.Length > 0 && m.StartsWith(monthText[..3], StringComparison.OrdinalIgnoreCase)) + 1;
        if (month == 0
            || !int.TryParse(match.Groups["day"].Value, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(match.Groups["year"].Value, CultureInfo.InvariantCulture, out var year)
            || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var (time, ampm, zone) = match.Groups["time"].Success
            ? (match.Groups["time"].Value, match.Groups["ampm"].Value, match.Groups["tz"].Value)
            : (match.Groups["time2"].Value, match.Groups["ampm2"].Value, match.Groups["tz2"].Value);
        var clock = TimeSpan.Zero;
        if (time.Length > 0)
        {
            var parts = time.Split(':');
            var hours = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var minutes = int.Parse(parts[1], CultureInfo.InvariantCulture);
            if (ampm.StartsWith('p') && hours < 12)
            {
                hours += 12;
            }
            else if (ampm.StartsWith('a') && hours == 12)
            {
                hours = 0;
            }

            if (hours > 23 || minutes > 59)
            {
                return false;
            }

            clock = new TimeSpan(hours, minutes, 0);
        }

        var offset = Zones.TryGetValue(zone, out var known) ? known : TimeSpan.Zero;
        published = new DateTimeOffset(new DateTime(year, month, day).Add(clock), offset);
        return true;
    }
}
