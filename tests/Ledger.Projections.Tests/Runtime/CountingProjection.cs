using Ledger.Application.Abstractions.EventStore;
using Ledger.Projections.Runtime;
using Npgsql;

namespace Ledger.Projections.Tests.Runtime;

/// <summary>
/// Records every application of every event: a second application of the same event shows up as
/// <c>applied = 2</c>, which is exactly what exactly-once must never produce.
/// </summary>
public sealed class CountingProjection(string name) : IProjection
{
    public string Name { get; } = name;

    public string Table => "applied_" + Name;

    /// <summary>Called inside the transaction after the row is written, before the runner commits.</summary>
    public Func<RecordedEvent, NpgsqlConnection, Task>? AfterApply { get; set; }

    public Func<RecordedEvent, bool> IsPoison { get; set; } = _ => false;

    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    public async Task CreateTableAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"create table if not exists {Table} (event_id uuid primary key, position bigint not null, applied int not null)");
        await command.ExecuteNonQueryAsync();
    }

    public async Task ApplyAsync(RecordedEvent e, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        if (IsPoison(e))
        {
            throw new FormatException($"Cannot read {e.Type}.");
        }

        await using var command = new NpgsqlCommand(
            $"insert into {Table} (event_id, position, applied) values ($1, $2, 1) on conflict (event_id) do update set applied = {Table}.applied + 1",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.EventId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Position.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (AfterApply is not null)
        {
            await AfterApply(e, connection);
        }
    }

    public async Task<(long Rows, long MaxApplied)> CountAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"select count(*), coalesce(max(applied), 0) from {Table}");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt32(1));
    }
}
