using Ledger.Application.Abstractions.EventStore;

namespace Ledger.Application.Inbound;

/// <summary>
/// What a source system said, parsed and validated, ready to append to its source stream.
/// <see cref="EventId"/> is derived from the source's de-duplication key, so a repeated delivery is an
/// idempotent repeat of the same append and writes nothing.
/// </summary>
public sealed record InboundMessage(
    string SourceSystem,
    StreamName Stream,
    string EventType,
    Guid EventId,
    object Payload,
    string? SourceMessageId,
    DateTimeOffset? OccurredAt,
    string? CorrelationId,
    IReadOnlyDictionary<string, string>? Attributes = null);

/// <summary>The result of recording a message: appended at a position, or already recorded before.</summary>
public sealed record RecordOutcome(bool Duplicate, Position Position, StreamName Stream, Guid EventId);
