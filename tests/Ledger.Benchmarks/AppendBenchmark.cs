using System.Globalization;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Infrastructure.EventStore;

namespace Ledger.Benchmarks;

/// <summary>
/// Durable appends through <see cref="PostgresEventStore.AppendToStreamAsync(StreamName, ExpectedRevision, IReadOnlyList{EventData}, CancellationToken)"/>,
/// as the ingestion path uses it: each writer owns its streams (one order each, a new one every
/// <see cref="EventsPerStream"/> events) and appends with <see cref="ExpectedRevision.Any"/>.
/// </summary>
internal sealed class AppendBenchmark(PostgresEventStore store, CpuMeter cpu)
{
    public const int EventsPerStream = 100;

    private int _run;

    public Task<Throughput> RunAsync(int writers, int batchSize, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        // Stream ids differ between runs, so that no run appends to a stream another run filled.
        var run = Interlocked.Increment(ref _run);
        return LoadRunner.RunAsync(writers, batchSize, warmup, duration, cpu, writer =>
        {
            var events = new OrderEvents(seed: run * 1000 + writer);
            var order = 0L;
            var inStream = EventsPerStream;
            var stream = default(StreamName);
            return async ct =>
            {
                if (inStream + batchSize > EventsPerStream)
                {
                    order++;
                    inStream = 0;
                    stream = StreamName.For(OrderEvents.Category, string.Create(CultureInfo.InvariantCulture, $"a{run}w{writer}o{order}"));
                }

                // Building the batch is inside the timed loop on purpose: an ingesting service pays for it too.
                IReadOnlyList<EventData> batch = batchSize == 1 ? [events.Next(order)] : events.Batch(order, batchSize);
                await store.AppendToStreamAsync(stream, ExpectedRevision.Any, batch, ct);
                inStream += batchSize;
            };
        }, cancellationToken);
    }
}
