namespace Ledger.Application.Abstractions.EventStore;

/// <summary>An event as stored: its place in its stream and in <c>$all</c>, and its hash-chain link.</summary>
public sealed record RecordedEvent(
    Guid EventId,
    StreamName Stream,
    long StreamRevision,
    Position Position,
    string Type,
    int SchemaVersion,
    ReadOnlyMemory<byte> Payload,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt,
    ReadOnlyMemory<byte> PayloadSha256,
    ReadOnlyMemory<byte>? RawSha256,
    ReadOnlyMemory<byte> Hash,
    bool IsErased);
