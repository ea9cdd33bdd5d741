using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using BriefingBot.Core.Feeds;
using BriefingBot.Core.Subscriptions;

namespace BriefingBot.Core.Storage;

/// <summary>
/// Row mapping shared by the SQLite and PostgreSQL stores: both select the same columns in the same order and
/// differ only in how a time is stored (ISO text in SQLite, timestamptz in PostgreSQL).
/// </summary>
internal static class StoreRows
{
    /// <summary>Reads the time at a column, however the backend stores it.</summary>
    public delegate DateTimeOffset TimeReader(DbDataReader reader, int ordinal);

    /// <summary>Every row the command returns, mapped.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public const string SubscriptionColumns = """
        id, channel_id, conversation_id, user_id, user_name, reference, local_time, days, time_zone, topics,
        status, status_reason, created_at, next_due, last_delivered
        """;

    public const string SourceColumns = "id, url, title, interval_seconds, status, last_error, failures, etag, last_modified, last_polled, next_poll, articles_added, created_at";

    public static Subscription Subscription(DbDataReader reader, TimeReader time) => new()
    {
        Id = reader.GetInt64(0),
        ChannelId = reader.GetString(1),
        ConversationId = reader.GetString(2),
        UserId = Text(reader, 3),
        UserName = Text(reader, 4),
        Reference = reader.GetString(5),
        Schedule = new BriefingSchedule(TimeOnly.ParseExact(reader.GetString(6), "HH:mm", CultureInfo.InvariantCulture), reader.GetString(7), reader.GetString(8)),
        Topics = JsonSerializer.Deserialize<List<string>>(reader.GetString(9)) ?? [],
        Status = Enum.Parse<SubscriptionStatus>(reader.GetString(10), ignoreCase: true),
        StatusReason = Text(reader, 11),
        CreatedAt = time(reader, 12),
        NextDue = reader.IsDBNull(13) ? null : time(reader, 13),
        LastDelivered = reader.IsDBNull(14) ? null : time(reader, 14),
    };

    public static NewsSource Source(DbDataReader reader, TimeReader time) => new()
    {
        Id = reader.GetInt64(0),
        Url = reader.GetString(1),
        Title = Text(reader, 2),
        Interval = TimeSpan.FromSeconds(reader.GetInt64(3)),
        Status = Enum.Parse<SourceStatus>(reader.GetString(4), ignoreCase: true),
        LastError = Text(reader, 5),
        ConsecutiveFailures = reader.GetInt32(6),
        ETag = Text(reader, 7),
        LastModified = Text(reader, 8),
        LastPolled = reader.IsDBNull(9) ? null : time(reader, 9),
        NextPoll = reader.IsDBNull(10) ? null : time(reader, 10),
        ArticlesAdded = reader.GetInt32(11),
        CreatedAt = time(reader, 12),
    };

    /// <summary>The columns of <c>deliveries</c>: subscription_id, occurrence, status, instance, started_at, finished_at, items, detail.</summary>
    public static Delivery Delivery(DbDataReader reader, TimeReader time) => new(
        reader.GetInt64(0),
        time(reader, 1),
        Enum.Parse<DeliveryStatus>(reader.GetString(2), ignoreCase: true),
        reader.GetString(3),
        time(reader, 4),
        reader.IsDBNull(5) ? null : time(reader, 5),
        reader.GetInt32(6),
        Text(reader, 7));

    /// <summary>An enum value as stored: lower case.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static string TopicsJson(IReadOnlyList<string> topics) => JsonSerializer.Serialize(topics);

    /// <summary>SQLite: ISO 8601 text.</summary>
    public static DateTimeOffset SqliteTime(DbDataReader reader, int ordinal) => StoredTime.Parse(reader.GetString(ordinal));

    /// <summary>PostgreSQL: timestamptz.</summary>
    public static DateTimeOffset PostgresTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
