using Npgsql;
using NpgsqlTypes;

namespace Ledger.Infrastructure.ApiKeys;

/// <summary>A key as listed: never its secret, which is not stored.</summary>
public sealed record ApiKeyInfo(string KeyId, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>The key a request presented, once found by its hash and not revoked.</summary>
public sealed record AuthenticatedApiKey(string KeyId, string Name, string Role);

/// <summary>A newly created key; <see cref="Key"/> is the only time its text exists outside its holder's hands.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Key);

/// <summary>Ledger's API keys in <c>ledger.api_keys</c>, looked up by the SHA-256 of the whole key.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The live key whose hash matches. Comparing hashes through the unique index leaks nothing useful by
    /// timing: an attacker cannot steer the hash of a guess towards a stored one.
    /// </summary>
    public async Task<AuthenticatedApiKey?> FindAsync(string presentedKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presentedKey);
        if (!ApiKeySecret.TryParseKeyId(presentedKey, out _))
        {
            return null;
        }

        await using var command = dataSource.CreateCommand("select key_id, name, role from ledger.api_keys where key_sha256 = $1 and revoked_at is null");
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = ApiKeySecret.Hash(presentedKey), NpgsqlDbType = NpgsqlDbType.Bytea });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AuthenticatedApiKey(reader.GetString(0), reader.GetString(1), reader.GetString(2))
            : null;
    }

    public async Task<CreatedApiKey> CreateAsync(string name, string role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        EnsureRole(role);
        var (keyId, key) = ApiKeySecret.Generate();
        await using var command = dataSource.CreateCommand(
            "insert into ledger.api_keys (key_id, name, role, key_sha256) values ($1, $2, $3, $4) returning created_at");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = keyId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = role });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = ApiKeySecret.Hash(key), NpgsqlDbType = NpgsqlDbType.Bytea });
        var createdAt = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new CreatedApiKey(new ApiKeyInfo(keyId, name, role, new DateTimeOffset(createdAt), null), key);
    }

    /// <summary>
    /// Makes a configured key valid with the configured name and role. A key that was revoked stays
    /// revoked: revoking is deliberate, and a restart must not undo it. Returns the key's id.
    /// </summary>
    public async Task<string> EnsureAsync(string name, string role, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        EnsureRole(role);
        if (!ApiKeySecret.TryParseKeyId(key, out var keyId))
        {
            throw new ArgumentException($"API key for '{name}' must look like {ApiKeySecret.Prefix}<keyId>_<secret>, the key id of letters, digits and hyphens.", nameof(key));
        }

        await using var command = dataSource.CreateCommand("""
            insert into ledger.api_keys (key_id, name, role, key_sha256) values ($1, $2, $3, $4)
            on conflict (key_id) do update set name = excluded.name, role = excluded.role, key_sha256 = excluded.key_sha256
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = keyId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = role });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = ApiKeySecret.Hash(key), NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return keyId;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(bool includeRevoked, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "select key_id, name, role, created_at, revoked_at from ledger.api_keys where $1 or revoked_at is null order by created_at, key_id");
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = includeRevoked });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKeyInfo(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return keys;
    }

    /// <summary>Revokes a key; false when there is no such key. Revoking twice keeps the first time.</summary>
    public async Task<bool> RevokeAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        await using var command = dataSource.CreateCommand(
            "update ledger.api_keys set revoked_at = coalesce(revoked_at, now()) where key_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = keyId });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void EnsureRole(string role)
    {
        if (!ApiKeyRoles.IsKnown(role))
        {
            throw new ArgumentException($"Role '{role}' is not one of {string.Join(", ", ApiKeyRoles.All)}.", nameof(role));
        }
    }
}
