using System.Globalization;
using Cronos;

namespace BriefingBot.Core.Subscriptions;

/// <summary>
/// When a subscription's briefing goes out: a local time of day on some days of the week, in an IANA time zone.
/// Next occurrences come from Cronos, which handles daylight-saving changes (a time skipped by the spring change
/// fires at the change; a time repeated in autumn fires once).
/// </summary>
/// <param name="LocalTime">Time of day in <paramref name="TimeZone"/>.</param>
/// <param name="Days">Cron day-of-week field: <c>*</c> (every day), <c>1-5</c> (weekdays), <c>0,6</c>, <c>1,4</c>.</param>
/// <param name="TimeZone">IANA zone id, e.g. Europe/Berlin.</param>
public sealed record BriefingSchedule(TimeOnly LocalTime, string Days, string TimeZone)
{
    public const string EveryDay = "*";
    public const string Weekdays = "1-5";
    public const string Weekends = "0,6";

    private static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    /// <summary>The first occurrence strictly after <paramref name="instant"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset instant)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var cron = CronExpression.Parse(string.Create(CultureInfo.InvariantCulture, $"{LocalTime.Minute} {LocalTime.Hour} * * {Days}"));
        return cron.GetNextOccurrence(instant, zone)
            ?? throw new InvalidOperationException($"The schedule {Describe()} has no next occurrence.");
    }

    /// <summary>"every weekday at 07:30 (Europe/Berlin)".</summary>
    public string Describe()
    {
        var time = LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture);
        return $"{DescribeDays()} at {time} ({TimeZone})";
    }

    private string DescribeDays() => Days switch
    {
        EveryDay => "every day",
        Weekdays => "every weekday",
        Weekends => "on weekends",
        _ => "on " + JoinNames(Days.Split(',').Select(d => DayNames[int.Parse(d, CultureInfo.InvariantCulture) % 7] + "s").ToList()),
    };

    private static string JoinNames(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Concat(names) : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];

    /// <summary>True when <paramref name="id"/> names a time zone this machine knows (IANA ids, and "UTC").</summary>
    public static bool IsKnownZone(string id, out string canonical)
    {
        canonical = string.Empty;
        if (string.IsNullOrWhiteSpace(id) || !TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone))
        {
            return false;
        }

        canonical = zone.HasIanaId ? zone.Id : (TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : zone.Id);
        return true;
    }
}
