using System.Diagnostics;
using System.Globalization;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Infrastructure.EventStore;
using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>A full read of the log: rows, bytes (received for a COPY, payload bytes materialised for the store) and time taken.</summary>
internal sealed record ReadResult(string Label, long Rows, long Bytes, TimeSpan Elapsed, CpuUsage Cpu)
{
    public double RowsPerSecond => Rows / Elapsed.TotalSeconds;

    public double ClientMicrosecondsPerEvent => Cpu.Client.TotalMicroseconds / Rows;

    public double ServerMicrosecondsPerEvent => Cpu.Server.TotalMicroseconds / Rows;
}

/// <summary>How the log was filled before reading it.</summary>
internal sealed record FillResult(long EventsBefore, long EventsAppended, int Writers, int BatchSize, TimeSpan Elapsed, long TableBytes)
{
    public double EventsPerSecond => EventsAppended / Elapsed.TotalSeconds;
}

/// <summary>
/// Reads <c>$all</c> from the start through <see cref="PostgresEventStore.ReadAllAsync"/> and compares it with
/// a COPY of the same table. The log is filled with real store events, appended in large batches.
/// </summary>
internal sealed class ReadBenchmark(PostgresEventStore store, NpgsqlDataSource dataSource, RawBaseline raw, CpuMeter cpu)
{
    public const int FillBatchSize = 1000;

    // More writers than cores keeps the server busy while a client builds its next batch.
    public const int FillWriters = 4;

    // The store's own page query, without paging, as one COPY: what the server spends producing exactly
    // the rows and columns ReadAllAsync asks for, in the same order. It mirrors PostgresEventStore.Columns
    // and VisibleHorizon, which are internal to the store.
    private const string StoreQuery = """
        select position, event_id, stream_name, stream_revision, event_type, schema_version, source_system,
               source_message_id, occurred_at, recorded_at, correlation_id, causation_id, payload::text,
               payload_sha256, raw_sha256, hash, erased_at is not null
          from ledger.events
         where position > 0 and position < (pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 20)
         order by position
        """;

    public async Task<FillResult> FillAsync(long logSize, CancellationToken cancellationToken)
    {
        var before = await ScalarAsync<long>("select count(*) from ledger.events", cancellationToken);
        var remaining = logSize - before;
        var appended = 0L;
        var clock = Stopwatch.StartNew();
        using var done = new CancellationTokenSource();
        var reporter = ReportFillProgressAsync(() => Interlocked.Read(ref appended), Math.Max(remaining, 0), done.Token);
        await Task.WhenAll(Enumerable.Range(0, FillWriters).Select(writer => Task.Run(async () =>
        {
            var events = new OrderEvents(seed: 1_000_000 + writer);
            for (var order = 1L; ; order++)
            {
                var take = (int)Math.Min(FillBatchSize, Interlocked.Add(ref remaining, -FillBatchSize) + FillBatchSize);
                if (take <= 0)
                {
                    return;
                }

                var stream = StreamName.For(OrderEvents.Category, string.Create(CultureInfo.InvariantCulture, $"fill{writer}o{order}"));
                await store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, events.Batch(order, take), cancellationToken);
                Interlocked.Add(ref appended, take);
            }
        }, cancellationToken)));
        clock.Stop();
        await done.CancelAsync();
        await reporter;

        var tableBytes = await ScalarAsync<long>("select pg_total_relation_size('ledger.events')", cancellationToken);
        return new FillResult(before, appended, FillWriters, FillBatchSize, clock.Elapsed, tableBytes);
    }

    /// <summary>
    /// Reads the log <paramref name="rounds"/> times each way, alternating, and keeps each way's best round:
    /// the first round also warms the OS page cache, which the later ones should not be charged for.
    /// </summary>
    public async Task<IReadOnlyList<ReadResult>> MeasureAsync(int rounds, CancellationToken cancellationToken)
    {
        // Sets hint bits and the visibility map now, so that whichever reader comes first does not pay for it.
        await ExecuteAsync("vacuum (analyze) ledger.events", cancellationToken);
        await ExecuteAsync("checkpoint", cancellationToken);

        var best = new Dictionary<string, ReadResult>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var measure in new Func<Task<ReadResult>>[]
            {
                () => raw.CopyAsync("Raw COPY (select * from ledger.events), binary", "select * from ledger.events", cancellationToken),
                () => ReadAllAsync(cancellationToken),
                () => raw.CopyAsync("Store's page query as one COPY (diagnostic)", StoreQuery, cancellationToken),
            })
            {
                var result = await measure();
                Progress.Line(string.Create(CultureInfo.InvariantCulture, $"  read round {round}: {result.Label}: {result.Rows:N0} rows in {result.Elapsed.TotalSeconds:0.00} s = {result.RowsPerSecond:N0} rows/s"));
                if (!best.TryGetValue(result.Label, out var previous) || result.Elapsed < previous.Elapsed)
                {
                    best[result.Label] = result;
                }
            }
        }

        return best.Values.ToList();
    }

    private async Task<ReadResult> ReadAllAsync(CancellationToken cancellationToken)
    {
        var rows = 0L;
        var payloadBytes = 0L;
        var collections = GC.CollectionCount(0);
        var before = cpu.Sample();
        var clock = Stopwatch.StartNew();
        await foreach (var recorded in store.ReadAllAsync(Position.Start, cancellationToken: cancellationToken))
        {
            // Touch what a projection would use, so nothing the reader materialises is dead.
            rows++;
            payloadBytes += recorded.Payload.Length;
        }

        clock.Stop();
        Progress.Line(string.Create(CultureInfo.InvariantCulture, $"  {GC.CollectionCount(0) - collections} gen-0 collections while reading $all"));
        return new ReadResult("PostgresEventStore.ReadAllAsync(Position.Start)", rows, payloadBytes, clock.Elapsed, CpuUsage.Between(before, cpu.Sample()));
    }

    private static async Task ReportFillProgressAsync(Func<long> appended, long target, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                Progress.Line(string.Create(CultureInfo.InvariantCulture, $"  filled {appended():N0} of {target:N0} events"));
            }
        }
        catch (OperationCanceledException)
        {
            // The fill is over.
        }
    }

    private async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
