namespace Ledger.Application.Abstractions.EventStore;

/// <summary>
/// An event id in the append is already stored somewhere other than where this append would put it,
/// so the append is neither new nor an idempotent repeat. Nothing was appended.
/// </summary>
public sealed class DuplicateEventIdException(Guid eventId, StreamName stream)
    : Exception($"Event {eventId} is already stored elsewhere; it cannot be appended to '{stream}'.")
{
    public Guid EventId { get; } = eventId;

    public StreamName Stream { get; } = stream;
}
