using System.Text.Json;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Domain.Shared;
using Npgsql;

namespace Ledger.Infrastructure.EventStore;

/// <summary>
/// Hash-chain verification and personal-data erasure. Each event's hash covers its metadata, the SHA-256
/// of its payload (and raw body) and the previous event's hash; covering the digests rather than the
/// bytes is what lets a payload be blanked on request without breaking the chain.
/// </summary>
public sealed class PostgresEventLogAudit(NpgsqlDataSource dataSource, IEventStore store) : IEventLogAudit
{
    public const string ErasureCategory = "audit.erasure";
    public const string ErasureEventType = "audit.personal-data-erased.v1";

    private const string VerifySql = $"""
        select stream_name, stream_revision, event_id, position,
               payload is null as payload_missing,
               payload is null or sha256(convert_to(payload::text, 'UTF8')) = payload_sha256 as payload_ok,
               (raw_body is null and raw_sha256 is null) or (raw_body is not null and sha256(raw_body) = raw_sha256) or (raw_body is null and erased_at is not null) as raw_ok,
               hash = ledger.event_hash(position, event_id, stream_name, stream_revision, event_type, schema_version,
                   source_system, source_message_id, occurred_at, recorded_at, correlation_id, causation_id,
                   source_attributes, payload_sha256, raw_sha256, lag(hash) over w) as hash_ok,
               stream_revision = coalesce(lag(stream_revision) over w, -1) + 1 as revision_ok,
               exists (select 1 from ledger.events x where x.stream_name = '{ErasureCategory}-' || e.event_id::text) as erasure_recorded
          from ledger.events e
         where $1::text is null or stream_name = $1
        window w as (partition by stream_name order by stream_revision)
         order by stream_name, stream_revision
        """;

    public async Task<VerifyReport> VerifyAsync(StreamName? stream, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(VerifySql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)stream?.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        long streams = 0, events = 0, erased = 0;
        string? current = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            if (name != current)
            {
                streams++;
                current = name;
            }

            events++;
            var payloadMissing = reader.GetBoolean(4);
            var erasureRecorded = reader.GetBoolean(9);
            VerifyFailure Fail(VerifyFailureKind kind, string reason) => new(
                StreamName.Parse(name), reader.GetInt64(1), reader.GetGuid(2), new Position(reader.GetInt64(3)), kind, reason);

            VerifyFailure? failure = null;
            if (!reader.GetBoolean(8))
            {
                failure = Fail(VerifyFailureKind.RevisionGap, "The stream's revisions are not consecutive here: an event was removed or inserted.");
            }
            else if (!reader.GetBoolean(7))
            {
                failure = Fail(VerifyFailureKind.HashMismatch, "The event's metadata or its link to the previous event does not match its hash.");
            }
            else if (!reader.GetBoolean(5) || !reader.GetBoolean(6))
            {
                failure = Fail(VerifyFailureKind.PayloadAltered, "The payload or raw body does not match the digest the hash chain covers.");
            }
            else if (payloadMissing && !erasureRecorded)
            {
                failure = Fail(VerifyFailureKind.ErasedWithoutRecord, "The payload is blank but no erasure was recorded for it.");
            }

            if (failure is not null)
            {
                return new VerifyReport(streams, events, erased, failure);
            }

            if (payloadMissing)
            {
                erased++;
            }
        }

        return new VerifyReport(streams, events, erased, null);
    }

    public async Task<bool> ErasePersonalDataAsync(Guid eventId, string reason, string requestedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedBy);
        var target = await store.ReadEventAsync(eventId, cancellationToken);
        if (target is null)
        {
            return false;
        }

        // The erasure is itself on the record, before the payload goes: verify treats a blank payload
        // without such a record as tampering. The id is derived, so a repeated request appends nothing.
        var record = JsonSerializer.SerializeToUtf8Bytes(new
        {
            eventId,
            stream = target.Stream.Value,
            streamRevision = target.StreamRevision,
            reason,
            requestedBy,
        });
        await store.AppendToStreamAsync(
            StreamName.For(ErasureCategory, eventId.ToString()),
            ExpectedRevision.Any,
            [new EventData(DeterministicGuid.Create($"erasure:{eventId}"), ErasureEventType, record, new EventMetadata("ledger", CausationId: eventId))],
            cancellationToken);

        await using var command = dataSource.CreateCommand(
            "update ledger.events set payload = null, raw_body = null, erased_at = coalesce(erased_at, now()) where event_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = eventId });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }
}
