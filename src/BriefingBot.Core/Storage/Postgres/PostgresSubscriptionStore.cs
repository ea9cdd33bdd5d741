using System.Globalization;
using BriefingBot.Core.Subscriptions;
using Npgsql;

namespace BriefingBot.Core.Storage.Postgres;

/// <summary>
/// Subscriptions and deliveries in PostgreSQL. A claim takes due rows with FOR UPDATE SKIP LOCKED inside one
/// transaction, so instances never wait on each other and never claim the same row; the (subscription, occurrence)
/// key of the deliveries table makes a second send impossible.
/// </summary>
internal sealed class PostgresSubscriptionStore(PostgresDatabase database) : ISubscriptionStore
{
    private const string Columns = StoreRows.SubscriptionColumns;

    public async Task<Subscription> AddAsync(Subscription subscription, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO subscriptions (channel_id, conversation_id, user_id, user_name, reference, local_time, days, time_zone,
                topics, status, status_reason, created_at, next_due, last_delivered)
            VALUES (@channel, @conversation, @user, @userName, @reference, @time, @days, @zone,
                @topics, @status, @reason, @created, @nextDue, @lastDelivered)
            RETURNING id;
            """,
            connection);
        Bind(command, subscription);
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return subscription with { Id = id };
    }

    public async Task<Subscription?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var found = await QueryAsync($"SELECT {Columns} FROM subscriptions WHERE id = @id;", c => c.Parameters.AddWithValue("id", id), cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<Subscription>> ListAsync(string channelId, string conversationId, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"SELECT {Columns} FROM subscriptions WHERE channel_id = @channel AND conversation_id = @conversation ORDER BY id;",
            c =>
            {
                c.Parameters.AddWithValue("channel", channelId);
                c.Parameters.AddWithValue("conversation", conversationId);
            },
            cancellationToken);

    public Task<IReadOnlyList<Subscription>> ListAllAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM subscriptions ORDER BY id;", _ => { }, cancellationToken);

    public async Task<bool> UpdateAsync(Subscription subscription, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            UPDATE subscriptions SET user_name = @userName, reference = @reference, local_time = @time, days = @days,
                time_zone = @zone, topics = @topics, status = @status, status_reason = @reason, next_due = @nextDue
            WHERE id = @id;
            """,
            connection);
        Bind(command, subscription);
        command.Parameters.AddWithValue("id", subscription.Id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> RemoveAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM subscriptions WHERE id = @id;", connection);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<DeliveryClaim>> ClaimDueAsync(DateTimeOffset now, string instance, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<Subscription>();
        await using (var select = new NpgsqlCommand(
            $"""
            SELECT {Columns} FROM subscriptions
            WHERE status = 'active' AND next_due IS NOT NULL AND next_due <= @now AND (lease_until IS NULL OR lease_until <= @now)
            ORDER BY next_due LIMIT @max FOR UPDATE SKIP LOCKED;
            """,
            connection,
            transaction))
        {
            select.Parameters.AddWithValue("now", now.ToUniversalTime());
            select.Parameters.AddWithValue("max", max);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                due.Add(Read(reader));
            }
        }

        var claims = new List<DeliveryClaim>();
        foreach (var subscription in due)
        {
            await using (var leaseCommand = new NpgsqlCommand("UPDATE subscriptions SET lease_owner = @instance, lease_until = @until WHERE id = @id;", connection, transaction))
            {
                leaseCommand.Parameters.AddWithValue("instance", instance);
                leaseCommand.Parameters.AddWithValue("until", (now + lease).ToUniversalTime());
                leaseCommand.Parameters.AddWithValue("id", subscription.Id);
                await leaseCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // As in SQLite: a fresh or known-failed occurrence becomes "sending"; one left "sending" may have arrived.
            await using var record = new NpgsqlCommand(
                """
                INSERT INTO deliveries (subscription_id, occurrence, status, instance, started_at)
                VALUES (@id, @occurrence, 'sending', @instance, @now)
                ON CONFLICT (subscription_id, occurrence) DO UPDATE
                    SET status = 'sending', instance = excluded.instance, started_at = excluded.started_at, finished_at = NULL
                    WHERE deliveries.status = 'failed';
                """,
                connection,
                transaction);
            record.Parameters.AddWithValue("id", subscription.Id);
            record.Parameters.AddWithValue("occurrence", subscription.NextDue!.Value.ToUniversalTime());
            record.Parameters.AddWithValue("instance", instance);
            record.Parameters.AddWithValue("now", now.ToUniversalTime());
            var claimed = await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            claims.Add(new DeliveryClaim(subscription, subscription.NextDue.Value, instance, PreviouslyStarted: !claimed));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claims;
    }

    public async Task<bool> CompleteAsync(DeliveryClaim claim, DeliveryResult result, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var release = new NpgsqlCommand(
            """
            UPDATE subscriptions SET
                next_due = CASE WHEN @deactivate::text IS NOT NULL THEN NULL ELSE COALESCE(@nextDue, next_due) END,
                last_delivered = CASE WHEN @sent THEN @finished ELSE last_delivered END,
                status = CASE WHEN @deactivate::text IS NOT NULL THEN 'inactive' ELSE status END,
                status_reason = COALESCE(@deactivate::text, status_reason),
                lease_owner = NULL,
                lease_until = @retryAt
            WHERE id = @id AND lease_owner = @instance;
            """,
            connection,
            transaction))
        {
            release.Parameters.AddWithValue("deactivate", NpgsqlTypes.NpgsqlDbType.Text, (object?)result.DeactivateReason ?? DBNull.Value);
            release.Parameters.AddWithValue("nextDue", NpgsqlTypes.NpgsqlDbType.TimestampTz, result.NextDue is { } next ? next.ToUniversalTime() : DBNull.Value);
            release.Parameters.AddWithValue("sent", result.Status == DeliveryStatus.Sent);
            release.Parameters.AddWithValue("finished", result.FinishedAt.ToUniversalTime());
            release.Parameters.AddWithValue("retryAt", NpgsqlTypes.NpgsqlDbType.TimestampTz, result.RetryAt is { } retry ? retry.ToUniversalTime() : DBNull.Value);
            release.Parameters.AddWithValue("id", claim.Subscription.Id);
            release.Parameters.AddWithValue("instance", claim.Instance);
            if (await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return false;
            }
        }

        await using (var record = new NpgsqlCommand(
            claim.PreviouslyStarted
                ? "UPDATE deliveries SET status = @status, finished_at = @finished, detail = @detail WHERE subscription_id = @id AND occurrence = @occurrence AND status = 'sending';"
                : "UPDATE deliveries SET status = @status, finished_at = @finished, items = @items, detail = @detail WHERE subscription_id = @id AND occurrence = @occurrence AND instance = @instance;",
            connection,
            transaction))
        {
            record.Parameters.AddWithValue("status", StoreRows.Name(result.Status));
            record.Parameters.AddWithValue("finished", result.FinishedAt.ToUniversalTime());
            record.Parameters.AddWithValue("items", result.Items);
            record.Parameters.AddWithValue("detail", NpgsqlTypes.NpgsqlDbType.Text, (object?)result.Detail ?? DBNull.Value);
            record.Parameters.AddWithValue("id", claim.Subscription.Id);
            record.Parameters.AddWithValue("occurrence", claim.Occurrence.ToUniversalTime());
            record.Parameters.AddWithValue("instance", claim.Instance);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<Delivery>> ListDeliveriesAsync(long subscriptionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT subscription_id, occurrence, status, instance, started_at, finished_at, items, detail FROM deliveries WHERE subscription_id = @id ORDER BY occurrence;",
            connection);
        command.Parameters.AddWithValue("id", subscriptionId);
        var deliveries = new List<Delivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            deliveries.Add(StoreRows.Delivery(reader, StoreRows.PostgresTime));
        }

        return deliveries;
    }

    private async Task<IReadOnlyList<Subscription>> QueryAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        var list = new List<Subscription>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static void Bind(NpgsqlCommand command, Subscription s)
    {
        command.Parameters.AddWithValue("channel", s.ChannelId);
        command.Parameters.AddWithValue("conversation", s.ConversationId);
        command.Parameters.AddWithValue("user", NpgsqlTypes.NpgsqlDbType.Text, (object?)s.UserId ?? DBNull.Value);
        command.Parameters.AddWithValue("userName", NpgsqlTypes.NpgsqlDbType.Text, (object?)s.UserName ?? DBNull.Value);
        command.Parameters.AddWithValue("reference", s.Reference);
        command.Parameters.AddWithValue("time", s.Schedule.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("days", s.Schedule.Days);
        command.Parameters.AddWithValue("zone", s.Schedule.TimeZone);
        command.Parameters.AddWithValue("topics", StoreRows.TopicsJson(s.Topics));
        command.Parameters.AddWithValue("status", StoreRows.Name(s.Status));
        command.Parameters.AddWithValue("reason", NpgsqlTypes.NpgsqlDbType.Text, (object?)s.StatusReason ?? DBNull.Value);
        command.Parameters.AddWithValue("created", s.CreatedAt.ToUniversalTime());
        command.Parameters.AddWithValue("nextDue", NpgsqlTypes.NpgsqlDbType.TimestampTz, s.NextDue is { } next ? next.ToUniversalTime() : DBNull.Value);
        command.Parameters.AddWithValue("lastDelivered", NpgsqlTypes.NpgsqlDbType.TimestampTz, s.LastDelivered is { } last ? last.ToUniversalTime() : DBNull.Value);
    }

    private static Subscription Read(NpgsqlDataReader reader) => StoreRows.Subscription(reader, StoreRows.PostgresTime);
}
