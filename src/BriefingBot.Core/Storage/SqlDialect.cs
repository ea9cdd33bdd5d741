using System.Data;
using System.Data.Common;

namespace BriefingBot.Core.Storage;

/// <summary>
/// What differs between the SQLite and PostgreSQL stores once the SQL is written for both (named <c>@</c> parameters,
/// standard SQL): how to open a connection, how a time is stored, and how a claim locks the rows it takes.
/// </summary>
internal abstract class SqlDialect
{
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A time as the backend stores it (ISO text in SQLite, timestamptz in PostgreSQL).</summary>
    public abstract object Time(DateTimeOffset value);

    public abstract DbType TimeType { get; }

    public abstract StoreRows.TimeReader ReadTime { get; }

    /// <summary>Appended to a claim's SELECT: row locks skipped by other claimers (PostgreSQL); SQLite locks the file.</summary>
    public abstract string ClaimLock { get; }

    public static DbParameter Parameter(DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public DbParameter TimeParameter(DbCommand command, string name, DateTimeOffset? value) =>
        Parameter(command, name, value is { } v ? Time(v) : null, TimeType);
}

internal sealed class SqliteDialect(Sqlite.SqliteDatabase database) : SqlDialect
{
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    public override object Time(DateTimeOffset value) => StoredTime.Format(value);

    public override DbType TimeType => DbType.String;

    public override StoreRows.TimeReader ReadTime => StoreRows.SqliteTime;

    public override string ClaimLock => string.Empty;
}

internal sealed class PostgresDialect(Postgres.PostgresDatabase database) : SqlDialect
{
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    public override object Time(DateTimeOffset value) => value.ToUniversalTime();

    public override DbType TimeType => DbType.DateTimeOffset;

    public override StoreRows.TimeReader ReadTime => StoreRows.PostgresTime;

    public override string ClaimLock => " FOR UPDATE SKIP LOCKED";
}
