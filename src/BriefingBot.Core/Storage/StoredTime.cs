using System.Globalization;

namespace BriefingBot.Core.Storage;

/// <summary>
/// Times as stored in text columns: UTC, round-trip ISO 8601 of fixed width, so text order is time order.
/// </summary>
internal static class StoredTime
{
    public static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
