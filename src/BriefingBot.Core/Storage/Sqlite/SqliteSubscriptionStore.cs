using System.Globalization;
using BriefingBot.Core.Subscriptions;
using Microsoft.Data.Sqlite;

namespace BriefingBot.Core.Storage.Sqlite;

/// <summary>
/// Subscriptions and deliveries in SQLite. Claims run in one IMMEDIATE transaction, so processes sharing the file
/// take turns; the (subscription, occurrence) key of the deliveries table makes a second send impossible.
/// </summary>
internal sealed class SqliteSubscriptionStore(SqliteDatabase database) : ISubscriptionStore
{
    private const string Columns = StoreRows.SubscriptionColumns;

    public async Task<Subscription> AddAsync(Subscription subscription, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO subscriptions (channel_id, conversation_id, user_id, user_name, reference, local_time, days, time_zone,
                topics, status, status_reason, created_at, next_due, last_delivered)
            VALUES ($channel, $conversation, $user, $userName, $reference, $time, $days, $zone,
                $topics, $status, $reason, $created, $nextDue, $lastDelivered)
            RETURNING id;
            """;
        Bind(command, subscription);
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return subscription with { Id = id };
    }

    public async Task<Subscription?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var found = await QueryAsync($"SELECT {Columns} FROM subscriptions WHERE id = $id;", c => c.Parameters.AddWithValue("$id", id), cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<Subscription>> ListAsync(string channelId, string conversationId, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"SELECT {Columns} FROM subscriptions WHERE channel_id = $channel AND conversation_id = $conversation ORDER BY id;",
            c =>
            {
                c.Parameters.AddWithValue("$channel", channelId);
                c.Parameters.AddWithValue("$conversation", conversationId);
            },
            cancellationToken);

    public Task<IReadOnlyList<Subscription>> ListAllAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM subscriptions ORDER BY id;", _ => { }, cancellationToken);

    public async Task<bool> UpdateAsync(Subscription subscription, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE subscriptions SET user_name = $userName, reference = $reference, local_time = $time, days = $days,
                time_zone = $zone, topics = $topics, status = $status, status_reason = $reason, next_due = $nextDue
            WHERE id = $id;
            """;
        Bind(command, subscription);
        command.Parameters.AddWithValue("$id", subscription.Id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> RemoveAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM subscriptions WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<DeliveryClaim>> ClaimDueAsync(DateTimeOffset now, string instance, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        var due = new List<Subscription>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"""
                SELECT {Columns} FROM subscriptions
                WHERE status = 'active' AND next_due IS NOT NULL AND next_due <= $now AND (lease_until IS NULL OR lease_until <= $now)
                ORDER BY next_due LIMIT $max;
                """;
            select.Parameters.AddWithValue("$now", StoredTime.Format(now));
            select.Parameters.AddWithValue("$max", max);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                due.Add(Read(reader));
            }
        }

        var claims = new List<DeliveryClaim>();
        foreach (var subscription in due)
        {
            await using (var leaseCommand = connection.CreateCommand())
            {
                leaseCommand.Transaction = transaction;
                leaseCommand.CommandText = "UPDATE subscriptions SET lease_owner = $instance, lease_until = $until WHERE id = $id;";
                leaseCommand.Parameters.AddWithValue("$instance", instance);
                leaseCommand.Parameters.AddWithValue("$until", StoredTime.Format(now + lease));
                leaseCommand.Parameters.AddWithValue("$id", subscription.Id);
                await leaseCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // A fresh occurrence, or one whose earlier attempt is known to have failed, becomes "sending". An
            // occurrence still "sending" belonged to an instance that died mid-send: it may have arrived.
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = """
                INSERT INTO deliveries (subscription_id, occurrence, status, instance, started_at)
                VALUES ($id, $occurrence, 'sending', $instance, $now)
                ON CONFLICT (subscription_id, occurrence) DO UPDATE
                    SET status = 'sending', instance = excluded.instance, started_at = excluded.started_at, finished_at = NULL
                    WHERE deliveries.status = 'failed';
                """;
            record.Parameters.AddWithValue("$id", subscription.Id);
            record.Parameters.AddWithValue("$occurrence", StoredTime.Format(subscription.NextDue!.Value));
            record.Parameters.AddWithValue("$instance", instance);
            record.Parameters.AddWithValue("$now", StoredTime.Format(now));
            var claimed = await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            claims.Add(new DeliveryClaim(subscription, subscription.NextDue.Value, instance, PreviouslyStarted: !claimed));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claims;
    }

    public async Task<bool> CompleteAsync(DeliveryClaim claim, DeliveryResult result, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        await using (var release = connection.CreateCommand())
        {
            release.Transaction = transaction;
            release.CommandText = """
                UPDATE subscriptions SET
                    next_due = CASE WHEN $deactivate IS NOT NULL THEN NULL ELSE COALESCE($nextDue, next_due) END,
                    last_delivered = CASE WHEN $sent THEN $finished ELSE last_delivered END,
                    status = CASE WHEN $deactivate IS NOT NULL THEN 'inactive' ELSE status END,
                    status_reason = COALESCE($deactivate, status_reason),
                    lease_owner = NULL,
                    lease_until = $retryAt
                WHERE id = $id AND lease_owner = $instance;
                """;
            release.Parameters.AddWithValue("$deactivate", (object?)result.DeactivateReason ?? DBNull.Value);
            release.Parameters.AddWithValue("$nextDue", result.NextDue is { } next ? StoredTime.Format(next) : DBNull.Value);
            release.Parameters.AddWithValue("$sent", result.Status == DeliveryStatus.Sent);
            release.Parameters.AddWithValue("$finished", StoredTime.Format(result.FinishedAt));
            release.Parameters.AddWithValue("$retryAt", result.RetryAt is { } retry ? StoredTime.Format(retry) : DBNull.Value);
            release.Parameters.AddWithValue("$id", claim.Subscription.Id);
            release.Parameters.AddWithValue("$instance", claim.Instance);
            if (await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return false;
            }
        }

        await using (var record = connection.CreateCommand())
        {
            record.Transaction = transaction;
            record.CommandText = claim.PreviouslyStarted
                ? "UPDATE deliveries SET status = $status, finished_at = $finished, detail = $detail WHERE subscription_id = $id AND occurrence = $occurrence AND status = 'sending';"
                : """
                  UPDATE deliveries SET status = $status, finished_at = $finished, items = $items, detail = $detail
                  WHERE subscription_id = $id AND occurrence = $occurrence AND instance = $instance;
                  """;
            record.Parameters.AddWithValue("$status", StoreRows.Name(result.Status));
            record.Parameters.AddWithValue("$finished", StoredTime.Format(result.FinishedAt));
            record.Parameters.AddWithValue("$items", result.Items);
            record.Parameters.AddWithValue("$detail", (object?)result.Detail ?? DBNull.Value);
            record.Parameters.AddWithValue("$id", claim.Subscription.Id);
            record.Parameters.AddWithValue("$occurrence", StoredTime.Format(claim.Occurrence));
            record.Parameters.AddWithValue("$instance", claim.Instance);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<Delivery>> ListDeliveriesAsync(long subscriptionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT subscription_id, occurrence, status, instance, started_at, finished_at, items, detail
            FROM deliveries WHERE subscription_id = $id ORDER BY occurrence;
            """;
        command.Parameters.AddWithValue("$id", subscriptionId);
        var deliveries = new List<Delivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            deliveries.Add(StoreRows.Delivery(reader, StoreRows.SqliteTime));
        }

        return deliveries;
    }

    private async Task<IReadOnlyList<Subscription>> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var list = new List<Subscription>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static void Bind(SqliteCommand command, Subscription s)
    {
        command.Parameters.AddWithValue("$channel", s.ChannelId);
        command.Parameters.AddWithValue("$conversation", s.ConversationId);
        command.Parameters.AddWithValue("$user", (object?)s.UserId ?? DBNull.Value);
        command.Parameters.AddWithValue("$userName", (object?)s.UserName ?? DBNull.Value);
        command.Parameters.AddWithValue("$reference", s.Reference);
        command.Parameters.AddWithValue("$time", s.Schedule.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$days", s.Schedule.Days);
        command.Parameters.AddWithValue("$zone", s.Schedule.TimeZone);
        command.Parameters.AddWithValue("$topics", StoreRows.TopicsJson(s.Topics));
        command.Parameters.AddWithValue("$status", StoreRows.Name(s.Status));
        command.Parameters.AddWithValue("$reason", (object?)s.StatusReason ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", StoredTime.Format(s.CreatedAt));
        command.Parameters.AddWithValue("$nextDue", s.NextDue is { } next ? StoredTime.Format(next) : DBNull.Value);
        command.Parameters.AddWithValue("$lastDelivered", s.LastDelivered is { } last ? StoredTime.Format(last) : DBNull.Value);
    }

    private static Subscription Read(SqliteDataReader reader) => StoreRows.Subscription(reader, StoreRows.SqliteTime);
}
