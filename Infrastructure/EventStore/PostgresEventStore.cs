using System.Runtime.CompilerServices;
using Ledger.Application.Abstractions.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Infrastructure.EventStore;

/// <summary>
/// <see cref="IEventStore"/> on PostgreSQL. An append is one call of <c>ledger.append_to_stream</c> (one round
/// trip); only when it fails on the expected revision or a unique key does the client look at the stream to
/// tell an idempotent repeat from a real conflict.
/// </summary>
public sealed class PostgresEventStore(NpgsqlDataSource dataSource, AppendNotifier? notifier = null) : IEventStore
{
    internal const string Columns = """
        position, event_id, stream_name, stream_revision, event_type, schema_version, source_system,
        source_message_id, occurred_at, recorded_at, correlation_id, causation_id, payload::text,
        payload_sha256, raw_sha256, hash, erased_at is not null, source_attributes::text
        """;

    // Everything below the oldest transaction still running has committed or never will.
    internal const string VisibleHorizon = "(pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 20)";

    // Large pages keep round trips and query planning negligible next to decoding the rows.
    private const int PageSize = 5000;
    private const string WrongRevisionState = "LDG01";

    public async Task<AppendResult> AppendToStreamAsync(
        StreamName stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            var revision = await GetStreamRevisionAsync(stream, cancellationToken);
            return expected.IsSatisfiedBy(revision)
                ? new AppendResult(revision, Position.Start, AlreadyStored: true)
                : throw new WrongExpectedRevisionException(stream, expected, revision);
        }

        // A writer that expects "any" and loses a race for the next revision simply tries again.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var result = await TryAppend(stream, expected, events, cancellationToken);
                notifier?.Signal();
                return result;
            }
            catch (PostgresException e) when (e.SqlState is WrongRevisionState or PostgresErrorCodes.UniqueViolation)
            {
                var repeat = await FindIdempotentRepeat(stream, expected, events, cancellationToken);
                if (repeat is not null)
                {
                    return repeat;
                }

                if (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "events_event_id_key")
                {
                    var clash = await FirstStoredElsewhere(stream, events, cancellationToken);
                    throw new DuplicateEventIdException(clash ?? events[0].EventId, stream);
                }

                if (expected.IsAny && e.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 10)
                {
                    continue;
                }

                var actual = e.SqlState == WrongRevisionState
                    ? long.Parse(e.MessageText, System.Globalization.CultureInfo.InvariantCulture)
                    : await GetStreamRevisionAsync(stream, cancellationToken);
                throw new WrongExpectedRevisionException(stream, expected, actual);
            }
        }
    }

    /// <summary>
    /// Appends inside the caller's transaction, so that events, read-model rows, outbox commands and a
    /// checkpoint can commit together. Conflicts surface as exceptions and abort that transaction; there
    /// is no idempotent-repeat check here, because the caller owns the transaction. Call
    /// <see cref="NotifyCommitted"/> after committing.
    /// </summary>
    public async Task<AppendResult> AppendToStreamAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StreamName stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(events);
        try
        {
            return await TryAppend(stream, expected, events, cancellationToken, connection, transaction);
        }
        catch (PostgresException e) when (e.SqlState == WrongRevisionState)
        {
            throw new WrongExpectedRevisionException(stream, expected, long.Parse(e.MessageText, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Wakes readers after a transaction that appended through the transactional overload committed.</summary>
    public void NotifyCommitted() => notifier?.Signal();

    private async Task<AppendResult> TryAppend(
        StreamName stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken,
        NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null)
    {
        var count = events.Count;
        var ids = new Guid[count];
        var types = new string[count];
        var versions = new int[count];
        var payloads = new string[count];
        var raws = new byte[]?[count];
        var sources = new string[count];
        var messageIds = new string?[count];
        var occurred = new DateTime?[count];
        var correlations = new string?[count];
        var causations = new Guid?[count];
        var attributes = new string?[count];
        for (var i = 0; i < count; i++)
        {
            var e = events[i];
            ids[i] = e.EventId;
            types[i] = e.Type;
            versions[i] = e.SchemaVersion;
            payloads[i] = System.Text.Encoding.UTF8.GetString(e.Payload.Span);
            raws[i] = e.RawBody?.ToArray();
            sources[i] = e.Metadata.SourceSystem;
            messageIds[i] = e.Metadata.SourceMessageId;
            occurred[i] = e.Metadata.OccurredAt?.UtcDateTime;
            correlations[i] = e.Metadata.CorrelationId;
            causations[i] = e.Metadata.CausationId;
            attributes[i] = e.Metadata.Attributes is { Count: > 0 } a ? System.Text.Json.JsonSerializer.Serialize(a) : null;
        }

        const string sql = "select previous_revision, first_position, last_position from ledger.append_to_stream($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
        await using var command = connection is null ? dataSource.CreateCommand(sql) : new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Category });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected.Value });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = versions });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = payloads });
        command.Parameters.Add(new NpgsqlParameter { Value = raws, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = sources });
        command.Parameters.Add(new NpgsqlParameter { Value = messageIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = occurred, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = correlations, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = causations, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = attributes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var previous = reader.GetInt64(0);
        return new AppendResult(previous + count, new Position(reader.GetInt64(2)), AlreadyStored: false);
    }

    /// <summary>
    /// EventStoreDB's idempotence: when the events' ids are already at the places this append would have
    /// put them (or, for "any", consecutively anywhere in the stream), the append succeeds as a no-op.
    /// </summary>
    private async Task<AppendResult?> FindIdempotentRepeat(StreamName stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select event_id, stream_revision, position from ledger.events where stream_name = $1 and event_id = any($2) order by stream_revision");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Value });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = events.Select(e => e.EventId).ToArray() });
        var stored = new Dictionary<Guid, (long Revision, long Position)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[reader.GetGuid(0)] = (reader.GetInt64(1), reader.GetInt64(2));
            }
        }

        if (stored.Count != events.Count || !stored.TryGetValue(events[0].EventId, out var first))
        {
            return null;
        }

        var firstRevision = expected switch
        {
            { IsExact: true } => expected.Value + 1,
            { IsNoStream: true } => 0,
            _ => first.Revision,
        };
        for (var i = 0; i < events.Count; i++)
        {
            if (stored[events[i].EventId].Revision != firstRevision + i)
            {
                return null;
            }
        }

        var last = stored[events[^1].EventId];
        return new AppendResult(last.Revision, new Position(last.Position), AlreadyStored: true);
    }

    private async Task<Guid?> FirstStoredElsewhere(StreamName stream, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select event_id from ledger.events where event_id = any($1) and stream_name <> $2 limit 1");
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = events.Select(e => e.EventId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Value });
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(
        StreamName stream, ReadDirection direction = ReadDirection.Forwards, long? fromRevision = null, long maxCount = long.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var forwards = direction == ReadDirection.Forwards;
        var next = fromRevision ?? (forwards ? 0 : long.MaxValue);
        var remaining = maxCount;
        var sql = forwards
            ? $"select {Columns} from ledger.events where stream_name = $1 and stream_revision >= $2 order by stream_revision limit $3"
            : $"select {Columns} from ledger.events where stream_name = $1 and stream_revision <= $2 order by stream_revision desc limit $3";
        while (remaining > 0)
        {
            var page = (int)Math.Min(PageSize, remaining);
            var read = 0;
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Value });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = next });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = page });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var e = ReadEvent(reader);
                read++;
                next = forwards ? e.StreamRevision + 1 : e.StreamRevision - 1;
                yield return e;
            }

            remaining -= read;
            if (read < page || next < 0)
            {
                yield break;
            }
        }
    }

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(Position after, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        ReadLog(null, after, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadCategoryAsync(string category, Position after, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        ReadLog(category ?? throw new ArgumentNullException(nameof(category)), after, maxCount, cancellationToken);

    private async IAsyncEnumerable<RecordedEvent> ReadLog(string? category, Position after, long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sql = category is null
            ? $"select {Columns} from ledger.events where position > $1 and position < {VisibleHorizon} order by position limit $2"
            : $"select {Columns} from ledger.events where category = $3 and position > $1 and position < {VisibleHorizon} order by position limit $2";
        var next = after.Value;
        var remaining = maxCount;
        while (remaining > 0)
        {
            var page = (int)Math.Min(PageSize, remaining);
            var read = 0;
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = next });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = page });
            if (category is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = category });
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var e = ReadEvent(reader);
                read++;
                next = e.Position.Value;
                yield return e;
            }

            remaining -= read;
            if (read < page)
            {
                yield break;
            }
        }
    }

    public async Task<long> GetStreamRevisionAsync(StreamName stream, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select coalesce(max(stream_revision), -1) from ledger.events where stream_name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Value });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<RecordedEvent?> ReadEventAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from ledger.events where event_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = eventId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadEvent(reader) : null;
    }

    public async Task<ReadOnlyMemory<byte>?> ReadRawBodyAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select raw_body from ledger.events where event_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = eventId });
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] raw ? new ReadOnlyMemory<byte>(raw) : (ReadOnlyMemory<byte>?)null;
    }

    public async Task<Position> ReadHeadPositionAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"select coalesce(max(position), 0) from ledger.events where position < {VisibleHorizon}");
        return new Position((long)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    internal static RecordedEvent ReadEvent(NpgsqlDataReader reader)
    {
        var erased = reader.GetBoolean(16);
        return new RecordedEvent(
            EventId: reader.GetGuid(1),
            Stream: StreamName.FromStore(reader.GetString(2)),
            StreamRevision: reader.GetInt64(3),
            Position: new Position(reader.GetInt64(0)),
            Type: reader.GetString(4),
            SchemaVersion: reader.GetInt32(5),
            // Npgsql hands text over as its UTF-8 bytes: no string is built only to be encoded again.
            Payload: reader.IsDBNull(12) ? ReadOnlyMemory<byte>.Empty : reader.GetFieldValue<byte[]>(12),
            Metadata: new EventMetadata(
                SourceSystem: reader.GetString(6),
                SourceMessageId: reader.IsDBNull(7) ? null : reader.GetString(7),
                OccurredAt: reader.IsDBNull(8) ? null : new DateTimeOffset(reader.GetDateTime(8)),
                CorrelationId: reader.IsDBNull(10) ? null : reader.GetString(10),
                CausationId: reader.IsDBNull(11) ? null : reader.GetGuid(11),
                Attributes: reader.IsDBNull(17) ? null : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(17))),
            RecordedAt: new DateTimeOffset(reader.GetDateTime(9)),
            PayloadSha256: reader.GetFieldValue<byte[]>(13),
            RawSha256: reader.IsDBNull(14) ? null : reader.GetFieldValue<byte[]>(14),
            Hash: reader.GetFieldValue<byte[]>(15),
            IsErased: erased);
    }
}
