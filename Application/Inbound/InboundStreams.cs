using Ledger.Application.Abstractions.EventStore;

namespace Ledger.Application.Inbound;

/// <summary>Source stream names built from what a sender said: an id that cannot name a stream is the sender's mistake, reported against its field.</summary>
public static class InboundStreams
{
    public static StreamName For(string category, string id, string field) =>
        StreamName.TryParse($"{category}-{id}", out var name, out var error)
            ? name
            : throw new InboundValidationException(field, $"'{field}' cannot identify a record: {error}");
}
