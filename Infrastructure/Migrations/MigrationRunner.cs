using Ledger.Application.Abstractions.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Infrastructure.Migrations;

/// <summary>
/// Applies versioned migrations at start-up. A session advisory lock makes two processes starting at
/// once take turns; each migration runs in its own transaction with its bookkeeping row, so a crash
/// leaves either all or none of it; applied versions are skipped, so running twice is harmless.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, IEnumerable<MigrationSource> sources, ILogger<MigrationRunner> logger)
{
    // Any fixed number works; it only has to differ from the projection locks' keys.
    private const long LockKey = 0x4c6564676572_01;

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, "select pg_advisory_lock(@key)", cancellationToken, ("key", LockKey));
        try
        {
            await Execute(connection, """
                create schema if not exists ledger;
                create table if not exists ledger.schema_migrations (
                    module     text        not null,
                    version    integer     not null,
                    name       text        not null,
                    checksum   text        not null,
                    applied_at timestamptz not null default now(),
                    primary key (module, version));
                """, cancellationToken);

            var applied = new Dictionary<(string Module, int Version), string>();
            await using (var command = new NpgsqlCommand("select module, version, checksum from ledger.schema_migrations", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied[(reader.GetString(0), reader.GetInt32(1))] = reader.GetString(2);
                }
            }

            var count = 0;
            foreach (var migration in sources.SelectMany(s => s.Load()))
            {
                if (applied.TryGetValue((migration.Module, migration.Version), out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Module}/{migration.Version:D4}_{migration.Name} was edited after it was applied. Add a new migration instead.");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, migration.Sql, cancellationToken);
                await Execute(connection, "insert into ledger.schema_migrations (module, version, name, checksum) values (@module, @version, @name, @checksum)", cancellationToken,
                    ("module", migration.Module), ("version", migration.Version), ("name", migration.Name), ("checksum", migration.Checksum));
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Module}/{Version:D4}_{Name}", migration.Module, migration.Version, migration.Name);
                count++;
            }

            return count;
        }
        finally
        {
            await Execute(connection, "select pg_advisory_unlock(@key)", CancellationToken.None, ("key", LockKey));
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
