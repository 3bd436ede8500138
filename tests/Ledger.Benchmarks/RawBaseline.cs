using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Benchmarks;

/// <summary>
/// What PostgreSQL itself does on the same cluster without the store: a plain table with a row of about
/// the same size (same payload generator, same metadata), one plain INSERT per autocommit transaction,
/// and a COPY of the store's own table for reading. The store's figures are read against these.
/// </summary>
internal sealed class RawBaseline(NpgsqlDataSource dataSource, CpuMeter cpu)
{
    private const string InsertOne = """
        insert into bench_raw (event_id, stream_name, event_type, source_system, source_message_id, occurred_at, correlation_id, payload)
        values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
        """;

    // One statement for the whole batch, as the store sends one call for the whole batch.
    private const string InsertMany = """
        insert into bench_raw (event_id, stream_name, event_type, source_system, source_message_id, occurred_at, correlation_id, payload)
        select e, s, t, ss, m, o, c, p::jsonb
          from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[]) as b(e, s, t, ss, m, o, c, p)
        """;

    private int _run;

    public async Task CreateTableAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists bench_raw (
                id                bigserial   primary key,
                event_id          uuid        not null,
                stream_name       text        not null,
                event_type        text        not null,
                source_system     text        not null,
                source_message_id text,
                occurred_at       timestamptz,
                recorded_at       timestamptz not null default now(),
                correlation_id    text,
                payload           jsonb       not null)
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<Throughput> InsertAsync(int clients, int batchSize, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var run = Interlocked.Increment(ref _run);
        return LoadRunner.RunAsync(clients, batchSize, warmup, duration, cpu, client =>
        {
            var events = new OrderEvents(seed: -(run * 1000 + client));
            var order = 0L;
            return batchSize == 1
                ? ct => InsertOneAsync(events, run, client, ++order, ct)
                : ct => InsertManyAsync(events, run, client, ++order, batchSize, ct);
        }, cancellationToken);
    }

    private async Task InsertOneAsync(OrderEvents events, int run, int client, long order, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(InsertOne);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StreamName(run, client, order) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = OrderEvents.EventType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = OrderEvents.SourceSystem });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Guid.NewGuid().ToString() });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = DateTime.UtcNow });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = OrderEvents.CorrelationId(order) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = events.Payload(order) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task InsertManyAsync(OrderEvents events, int run, int client, long order, int count, CancellationToken cancellationToken)
    {
        var ids = new Guid[count];
        var streams = new string[count];
        var types = new string[count];
        var sources = new string[count];
        var messageIds = new string[count];
        var occurred = new DateTime[count];
        var correlations = new string[count];
        var payloads = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = Guid.CreateVersion7();
            streams[i] = StreamName(run, client, order);
            types[i] = OrderEvents.EventType;
            sources[i] = OrderEvents.SourceSystem;
            messageIds[i] = Guid.NewGuid().ToString();
            occurred[i] = DateTime.UtcNow;
            correlations[i] = OrderEvents.CorrelationId(order);
            payloads[i] = events.Payload(order);
        }

        await using var command = dataSource.CreateCommand(InsertMany);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = streams });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = sources });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = messageIds });
        command.Parameters.Add(new NpgsqlParameter { Value = occurred, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = correlations });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = payloads });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string StreamName(int run, int client, long order) =>
        string.Create(CultureInfo.InvariantCulture, $"{OrderEvents.Category}-r{run}c{client}o{order}");

    /// <summary>
    /// Streams <paramref name="query"/> out with a binary COPY and counts its rows. Binary, because it is
    /// the cheapest way PostgreSQL can hand the rows over, which makes it the strictest baseline.
    /// </summary>
    public async Task<ReadResult> CopyAsync(string label, string query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var counter = new BinaryCopyRowCounter();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        long bytes = 0;
        var before = cpu.Sample();
        var clock = Stopwatch.StartNew();
        try
        {
            await using var copy = await connection.BeginRawBinaryCopyAsync($"copy ({query}) to stdout (format binary)", cancellationToken);
            int read;
            while ((read = await copy.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
            {
                counter.Feed(buffer.AsSpan(0, read));
                bytes += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        clock.Stop();
        var usage = CpuUsage.Between(before, cpu.Sample());
        if (!counter.Complete)
        {
            throw new InvalidOperationException($"The COPY of '{query}' ended before its trailer.");
        }

        return new ReadResult(label, counter.Rows, bytes, clock.Elapsed, usage);
    }
}
