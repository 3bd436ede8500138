using System.Diagnostics;
using Ledger.Application.Abstractions.EventStore;

namespace Ledger.Api.Observability;

/// <summary>Times every append of the store it wraps; reads pass straight through.</summary>
public sealed class MeteredEventStore(IEventStore inner, EventStoreMetrics metrics) : IEventStore
{
    public async Task<AppendResult> AppendToStreamAsync(StreamName stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var result = await inner.AppendToStreamAsync(stream, expected, events, cancellationToken);
            outcome = result.AlreadyStored ? "already_stored" : "appended";
            return result;
        }
        catch (WrongExpectedRevisionException)
        {
            outcome = "wrong_expected_revision";
            throw;
        }
        catch (DuplicateEventIdException)
        {
            outcome = "duplicate_event_id";
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            metrics.RecordAppend(stream.Category, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(StreamName stream, ReadDirection direction = ReadDirection.Forwards, long? fromRevision = null, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        inner.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(Position after, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(after, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadCategoryAsync(string category, Position after, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        inner.ReadCategoryAsync(category, after, maxCount, cancellationToken);

    public Task<long> GetStreamRevisionAsync(StreamName stream, CancellationToken cancellationToken = default) =>
        inner.GetStreamRevisionAsync(stream, cancellationToken);

    public Task<RecordedEvent?> ReadEventAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        inner.ReadEventAsync(eventId, cancellationToken);

    public Task<ReadOnlyMemory<byte>?> ReadRawBodyAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        inner.ReadRawBodyAsync(eventId, cancellationToken);

    public Task<Position> ReadHeadPositionAsync(CancellationToken cancellationToken = default) =>
        inner.ReadHeadPositionAsync(cancellationToken);
}
