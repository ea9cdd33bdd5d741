using System.Data;
using System.Data.Common;
using System.Globalization;
using BriefingBot.Core.Subscriptions;

namespace BriefingBot.Core.Storage;

/// <summary>
/// Subscriptions and deliveries in SQL, the same statements on SQLite and PostgreSQL. A claim leases due rows in one
/// transaction (SQLite: the IMMEDIATE transaction serializes writers; PostgreSQL: FOR UPDATE SKIP LOCKED), and the
/// (subscription, occurrence) key of the deliveries table makes a second send impossible.
/// </summary>
internal sealed class SqlSubscriptionStore(SqlDialect dialect) : ISubscriptionStore
{
    private const string Columns = StoreRows.SubscriptionColumns;

    public async Task<Subscription> AddAsync(Subscription subscription, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO subscriptions (channel_id, conversation_id, user_id, user_name, reference, local_time, days, time_zone,
                topics, status, status_reason, created_at, next_due, last_delivered)
            VALUES (@channel, @conversation, @user, @userName, @reference, @time, @days, @zone,
                @topics, @status, @reason, @created, @nextDue, @lastDelivered)
            RETURNING id;
            """;
        Bind(command, subscription);
        var id = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return subscription with { Id = id };
    }

    public async Task<Subscription?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var found = await QueryAsync($"SELECT {Columns} FROM subscriptions WHERE id = @id;", c => SqlDialect.Parameter(c, "id", id, DbType.Int64), cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<Subscription>> ListAsync(string channelId, string conversationId, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"SELECT {Columns} FROM subscriptions WHERE channel_id = @channel AND conversation_id = @conversation ORDER BY id;",
            c =>
            {
                SqlDialect.Parameter(c, "channel", channelId, DbType.String);
                SqlDialect.Parameter(c, "conversation", conversationId, DbType.String);
            },
            cancellationToken);

    public Task<IReadOnlyList<Subscription>> ListAllAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM subscriptions ORDER BY id;", _ => { }, cancellationToken);

    public async Task<bool> UpdateAsync(Subscription subscription, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE subscriptions SET user_name = @userName, reference = @reference, local_time = @time, days = @days,
                time_zone = @zone, topics = @topics, status = @status, status_reason = @reason, next_due = @nextDue
            WHERE id = @id;
            """;
        Bind(command, subscription);
        SqlDialect.Parameter(command, "id", subscription.Id, DbType.Int64);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> RemoveAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM subscriptions WHERE id = @id;";
        SqlDialect.Parameter(command, "id", id, DbType.Int64);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<DeliveryClaim>> ClaimDueAsync(DateTimeOffset now, string instance, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<Subscription>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"""
                SELECT {Columns} FROM subscriptions
                WHERE status = 'active' AND next_due IS NOT NULL AND next_due <= @now AND (lease_until IS NULL OR lease_until <= @now)
                ORDER BY next_due LIMIT @max{dialect.ClaimLock};
                """;
            dialect.TimeParameter(select, "now", now);
            SqlDialect.Parameter(select, "max", max, DbType.Int32);
            due.AddRange(await StoreRows.ReadAllAsync(select, r => StoreRows.Subscription(r, dialect.ReadTime), cancellationToken).ConfigureAwait(false));
        }

        var claims = new List<DeliveryClaim>();
        foreach (var subscription in due)
        {
            await using (var leaseCommand = connection.CreateCommand())
            {
                leaseCommand.Transaction = transaction;
                leaseCommand.CommandText = "UPDATE subscriptions SET lease_owner = @instance, lease_until = @until WHERE id = @id;";
                SqlDialect.Parameter(leaseCommand, "instance", instance, DbType.String);
                dialect.TimeParameter(leaseCommand, "until", now + lease);
                SqlDialect.Parameter(leaseCommand, "id", subscription.Id, DbType.Int64);
                await leaseCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // A fresh occurrence, or one whose earlier attempt is known to have failed, becomes "sending". An
            // occurrence still "sending" belonged to an instance that died mid-send: it may have arrived.
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = """
                INSERT INTO deliveries (subscription_id, occurrence, status, instance, started_at)
                VALUES (@id, @occurrence, 'sending', @instance, @now)
                ON CONFLICT (subscription_id, occurrence) DO UPDATE
                    SET status = 'sending', instance = excluded.instance, started_at = excluded.started_at, finished_at = NULL
                    WHERE deliveries.status = 'failed';
                """;
            SqlDialect.Parameter(record, "id", subscription.Id, DbType.Int64);
            dialect.TimeParameter(record, "occurrence", subscription.NextDue!.Value);
            SqlDialect.Parameter(record, "instance", instance, DbType.String);
            dialect.TimeParameter(record, "now", now);
            var claimed = await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            claims.Add(new DeliveryClaim(subscription, subscription.NextDue.Value, instance, PreviouslyStarted: !claimed));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claims;
    }

    public async Task<bool> CompleteAsync(DeliveryClaim claim, DeliveryResult result, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var release = connection.CreateCommand())
        {
            release.Transaction = transaction;
            release.CommandText = """
                UPDATE subscriptions SET
                    next_due = CASE WHEN @deactivate IS NOT NULL THEN NULL ELSE COALESCE(@nextDue, next_due) END,
                    last_delivered = CASE WHEN @sent THEN @finished ELSE last_delivered END,
                    status = CASE WHEN @deactivate IS NOT NULL THEN 'inactive' ELSE status END,
                    status_reason = COALESCE(@deactivate, status_reason),
                    lease_owner = NULL,
                    lease_until = @retryAt
                WHERE id = @id AND lease_owner = @instance;
                """;
            SqlDialect.Parameter(release, "deactivate", result.DeactivateReason, DbType.String);
            dialect.TimeParameter(release, "nextDue", result.NextDue);
            SqlDialect.Parameter(release, "sent", result.Status == DeliveryStatus.Sent, DbType.Boolean);
            dialect.TimeParameter(release, "finished", result.FinishedAt);
            dialect.TimeParameter(release, "retryAt", result.RetryAt);
            SqlDialect.Parameter(release, "id", claim.Subscription.Id, DbType.Int64);
            SqlDialect.Parameter(release, "instance", claim.Instance, DbType.String);
            if (await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return false;
            }
        }

        await using (var record = connection.CreateCommand())
        {
            record.Transaction = transaction;
            record.CommandText = claim.PreviouslyStarted
                ? "UPDATE deliveries SET status = @status, finished_at = @finished, detail = @detail WHERE subscription_id = @id AND occurrence = @occurrence AND status = 'sending';"
                : "UPDATE deliveries SET status = @status, finished_at = @finished, items = @items, detail = @detail WHERE subscription_id = @id AND occurrence = @occurrence AND instance = @instance;";
            SqlDialect.Parameter(record, "status", StoreRows.Name(result.Status), DbType.String);
            dialect.TimeParameter(record, "finished", result.FinishedAt);
            SqlDialect.Parameter(record, "items", result.Items, DbType.Int32);
            SqlDialect.Parameter(record, "detail", result.Detail, DbType.String);
            SqlDialect.Parameter(record, "id", claim.Subscription.Id, DbType.Int64);
            dialect.TimeParameter(record, "occurrence", claim.Occurrence);
            SqlDialect.Parameter(record, "instance", claim.Instance, DbType.String);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<Delivery>> ListDeliveriesAsync(long subscriptionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT subscription_id, occurrence, status, instance, started_at, finished_at, items, detail FROM deliveries WHERE subscription_id = @id ORDER BY occurrence;";
        SqlDialect.Parameter(command, "id", subscriptionId, DbType.Int64);
        return await StoreRows.ReadAllAsync(command, r => StoreRows.Delivery(r, dialect.ReadTime), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<Subscription>> QueryAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        return await StoreRows.ReadAllAsync(command, r => StoreRows.Subscription(r, dialect.ReadTime), cancellationToken).ConfigureAwait(false);
    }

    private void Bind(DbCommand command, Subscription s)
    {
        SqlDialect.Parameter(command, "channel", s.ChannelId, DbType.String);
        SqlDialect.Parameter(command, "conversation", s.ConversationId, DbType.String);
        SqlDialect.Parameter(command, "user", s.UserId, DbType.String);
        SqlDialect.Parameter(command, "userName", s.UserName, DbType.String);
        SqlDialect.Parameter(command, "reference", s.Reference, DbType.String);
        SqlDialect.Parameter(command, "time", s.Schedule.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture), DbType.String);
        SqlDialect.Parameter(command, "days", s.Schedule.Days, DbType.String);
        SqlDialect.Parameter(command, "zone", s.Schedule.TimeZone, DbType.String);
        SqlDialect.Parameter(command, "topics", StoreRows.TopicsJson(s.Topics), DbType.String);
        SqlDialect.Parameter(command, "status", StoreRows.Name(s.Status), DbType.String);
        SqlDialect.Parameter(command, "reason", s.StatusReason, DbType.String);
        dialect.TimeParameter(command, "created", s.CreatedAt);
        dialect.TimeParameter(command, "nextDue", s.NextDue);
        dialect.TimeParameter(command, "lastDelivered", s.LastDelivered);
    }
}
