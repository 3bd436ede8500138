using System.Text;
using Ledger.Application.Abstractions.EventStore;

namespace Ledger.Testing;

/// <summary>Builders for events to append in tests.</summary>
public static class Events
{
    public static EventData Any(string type = "test.happened.v1", string? json = null, string source = "test", byte[]? raw = null, Guid? id = null) =>
        new(id ?? Guid.CreateVersion7(), type, Encoding.UTF8.GetBytes(json ?? $$"""{"n":{{Random.Shared.Next()}}}"""),
            new EventMetadata(source, SourceMessageId: Guid.NewGuid().ToString("N"), OccurredAt: DateTimeOffset.UtcNow, CorrelationId: "corr-1"),
            RawBody: raw);

    public static EventData[] Many(int count, string type = "test.happened.v1") =>
        Enumerable.Range(0, count).Select(i => Any(type, $$"""{"i":{{i}}}""")).ToArray();

    public static StreamName NewStream(string category = "test") => StreamName.For(category, Guid.NewGuid().ToString("N"));
}
