namespace Ledger.Application.Abstractions.EventStore;

/// <summary>
/// The outcome of an append. <see cref="NextExpectedRevision"/> is the revision of the stream's last event
/// after the append. <see cref="AlreadyStored"/> is true when every event was already there (an idempotent
/// repeat) and nothing was written.
/// </summary>
public sealed record AppendResult(long NextExpectedRevision, Position LogPosition, bool AlreadyStored);
