namespace Ledger.Application.Abstractions.EventStore;

/// <summary>
/// An event to append. <see cref="Payload"/> is UTF-8 JSON. <see cref="RawBody"/>, when given, is the
/// source's message exactly as received; it is kept verbatim beside the normalised payload.
/// </summary>
public sealed record EventData(
    Guid EventId,
    string Type,
    ReadOnlyMemory<byte> Payload,
    EventMetadata Metadata,
    int SchemaVersion = 1,
    ReadOnlyMemory<byte>? RawBody = null);
