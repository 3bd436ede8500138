using System.Globalization;
using Npgsql;

namespace Ledger.Infrastructure.Connectors;

/// <summary>Each poller's place in its source system, one text value per (connector, key).</summary>
public sealed class ConnectorCheckpoints(NpgsqlDataSource dataSource)
{
    public async Task<string?> GetAsync(string connector, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select value from ledger.connector_checkpoints where connector = $1 and key = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = connector });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SetAsync(string connector, string key, string value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            insert into ledger.connector_checkpoints (connector, key, value, updated_at) values ($1, $2, $3, now())
            on conflict (connector, key) do update set value = excluded.value, updated_at = excluded.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = connector });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<DateTimeOffset?> GetTimestampAsync(string connector, string key, CancellationToken cancellationToken) =>
        await GetAsync(connector, key, cancellationToken) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            ? value
            : null;

    public Task SetTimestampAsync(string connector, string key, DateTimeOffset value, CancellationToken cancellationToken) =>
        SetAsync(connector, key, value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), cancellationToken);
}
