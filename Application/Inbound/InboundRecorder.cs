using System.Text.Json;
using Ledger.Application.Abstractions.EventStore;

namespace Ledger.Application.Inbound;

/// <summary>
/// Appends what a source said to its source stream: the normalised payload, the raw body exactly as
/// received (its SHA-256 is stored with it), and the source's delivery metadata. Returns only once the
/// append is durable, so an acknowledgement always means "recorded".
/// </summary>
public sealed class InboundRecorder(IEventStore store, InboundMetrics metrics)
{
    public Task<RecordOutcome> RecordAsync(InboundMessage message, ReadOnlyMemory<byte> rawBody, CancellationToken cancellationToken) =>
        RecordAsync(message, rawBody, ExpectedRevision.Any, cancellationToken);

    public async Task<RecordOutcome> RecordAsync(InboundMessage message, ReadOnlyMemory<byte> rawBody, ExpectedRevision expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.SerializeToUtf8Bytes(message.Payload, message.Payload.GetType(), LedgerJson.Options);

        // PostgreSQL's jsonb cannot hold NUL; a value carrying one is the sender's mistake, whatever the format.
        if (payload.AsSpan().IndexOf("\\u0000"u8) >= 0)
        {
            throw new InboundValidationException("body", "A value in the message contains a NUL character.");
        }

        var data = new EventData(
            message.EventId,
            message.EventType,
            payload,
            new EventMetadata(message.SourceSystem, message.SourceMessageId, message.OccurredAt, message.CorrelationId, Attributes: message.Attributes),
            RawBody: rawBody);
        try
        {
            var result = await store.AppendToStreamAsync(message.Stream, expected, [data], cancellationToken);
            metrics.Accepted(message.SourceSystem, result.AlreadyStored);
            return new RecordOutcome(result.AlreadyStored, result.LogPosition, message.Stream, message.EventId);
        }
        catch (DuplicateEventIdException)
        {
            // The same de-duplication key already recorded in another stream: the sender repeated a
            // delivery id for different content. It is still not a second event.
            metrics.Accepted(message.SourceSystem, duplicate: true);
            return new RecordOutcome(true, Position.Start, message.Stream, message.EventId);
        }
    }
}
