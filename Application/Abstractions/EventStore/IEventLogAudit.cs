namespace Ledger.Application.Abstractions.EventStore;

/// <summary>Tamper evidence for the log and the erasure of personal data on request.</summary>
public interface IEventLogAudit
{
    /// <summary>
    /// Walks one stream (or every stream when null) and recomputes each event's hash from its metadata,
    /// its payload digest and the previous event's hash. Reports the first event that does not match.
    /// </summary>
    Task<VerifyReport> VerifyAsync(StreamName? stream, CancellationToken cancellationToken = default);

    /// <summary>
    /// Blanks an event's payload and raw body, keeping their digests so the chain still verifies, and
    /// records the erasure itself as an event. Returns false when the event does not exist.
    /// </summary>
    Task<bool> ErasePersonalDataAsync(Guid eventId, string reason, string requestedBy, CancellationToken cancellationToken = default);
}

public sealed record VerifyReport(long StreamsChecked, long EventsChecked, long EventsErased, VerifyFailure? FirstFailure)
{
    public bool IsIntact => FirstFailure is null;
}

public sealed record VerifyFailure(StreamName Stream, long StreamRevision, Guid EventId, Position Position, VerifyFailureKind Kind, string Reason);

public enum VerifyFailureKind
{
    /// <summary>The payload or raw body no longer matches the digest the chain covers.</summary>
    PayloadAltered,

    /// <summary>The event's metadata, or the link to the previous event, no longer matches its hash.</summary>
    HashMismatch,

    /// <summary>A revision is missing or repeated in the stream.</summary>
    RevisionGap,

    /// <summary>The payload is blank but no erasure was recorded for it.</summary>
    ErasedWithoutRecord,
}
