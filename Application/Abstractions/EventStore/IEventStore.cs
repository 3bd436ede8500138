namespace Ledger.Application.Abstractions.EventStore;

/// <summary>
/// Ledger's event store port, with EventStoreDB's semantics: named streams with optimistic concurrency,
/// idempotent appends by event id, and a global log (<c>$all</c>) that readers follow without ever
/// skipping an event that commits late.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Appends <paramref name="events"/> atomically. Throws <see cref="WrongExpectedRevisionException"/>
    /// when the stream is not as expected. Appending events whose ids are already stored at those
    /// revisions of this stream succeeds and writes nothing, even when two such appends race.
    /// </summary>
    Task<AppendResult> AppendToStreamAsync(
        StreamName stream,
        ExpectedRevision expected,
        IReadOnlyList<EventData> events,
        CancellationToken cancellationToken = default);

    /// <summary>Reads a stream from <paramref name="fromRevision"/> (inclusive), forwards or backwards.</summary>
    IAsyncEnumerable<RecordedEvent> ReadStreamAsync(
        StreamName stream,
        ReadDirection direction = ReadDirection.Forwards,
        long? fromRevision = null,
        long maxCount = long.MaxValue,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads <c>$all</c> forwards from just after <paramref name="after"/>, up to the point every earlier
    /// transaction has finished, so that nothing read later can have a lower position.
    /// </summary>
    IAsyncEnumerable<RecordedEvent> ReadAllAsync(
        Position after,
        long maxCount = long.MaxValue,
        CancellationToken cancellationToken = default);

    /// <summary>Reads one category (EventStoreDB's <c>$ce-</c> stream) forwards, with the same guarantee as <see cref="ReadAllAsync"/>.</summary>
    IAsyncEnumerable<RecordedEvent> ReadCategoryAsync(
        string category,
        Position after,
        long maxCount = long.MaxValue,
        CancellationToken cancellationToken = default);

    /// <summary>The stream's last revision, or -1 when it has no events.</summary>
    Task<long> GetStreamRevisionAsync(StreamName stream, CancellationToken cancellationToken = default);

    /// <summary>One event by id, or null.</summary>
    Task<RecordedEvent?> ReadEventAsync(Guid eventId, CancellationToken cancellationToken = default);

    /// <summary>The source's message exactly as received, or null when none was kept or it was erased.</summary>
    Task<ReadOnlyMemory<byte>?> ReadRawBodyAsync(Guid eventId, CancellationToken cancellationToken = default);

    /// <summary>The position of the last event that readers of <c>$all</c> can see now.</summary>
    Task<Position> ReadHeadPositionAsync(CancellationToken cancellationToken = default);
}

public enum ReadDirection
{
    Forwards,
    Backwards,
}
