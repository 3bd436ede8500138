using Ledger.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>What the <c>ingest</c> command measures and for how long.</summary>
internal sealed record IngestBenchmarkSettings(TimeSpan Duration, TimeSpan Warmup, int Clients, bool Build, bool Statements, IReadOnlyDictionary<string, string> LedgerEnvironment)
{
    public string? Validate()
    {
        if (Duration <= TimeSpan.Zero)
        {
            return "--duration must be at least 1 second.";
        }

        if (Warmup < TimeSpan.Zero)
        {
            return "--warmup cannot be negative.";
        }

        // The raw baseline's pool holds 64 connections; the notifier needs two of them.
        return Clients is < 1 or > 60 ? "--clients takes a count from 1 to 60." : null;
    }
}

/// <summary>The figures of one <c>ingest</c> run: Ledger over HTTP, and raw INSERTs on the same cluster.</summary>
internal sealed record IngestResult(Throughput Webhooks, TimeSpan LedgerCpu, Storage LedgerStorage, Throughput Raw, Storage RawStorage, IReadOnlyList<StatementCost> Statements);

/// <summary>
/// What each run left on disk, warm-up included: rows, their average size as stored, and the WAL written per
/// row. Every commit waits for its WAL to be flushed, so WAL per row is much of a durable write's cost.
/// </summary>
internal sealed record Storage(long Rows, double RowBytes, double WalBytesPerRow, string Detail);

/// <summary>
/// The <c>ingest</c> command: Ledger's API (Release, its own process) on a private cluster, and a closed
/// loop of clients posting signed Shopify orders/create webhooks with distinct ids, each acknowledged only
/// once durably recorded; then, on the same cluster, the eventstore benchmark's raw baseline (one plain
/// INSERT of its order row per transaction) at the same concurrency.
/// </summary>
internal static class IngestBenchmark
{
    public const double RatioGoal = 0.3;
    public const double P99GoalMilliseconds = 50;

    private const string Secret = "shopify-dev-secret";

    public static async Task<int> RunAsync(IngestBenchmarkSettings settings, CancellationToken cancellationToken)
    {
        Progress.Line("Starting a private PostgreSQL cluster");
        await using var cluster = await BenchmarkCluster.StartAsync(settings.Statements, useNotifier: true, connectionSettings: null, cancellationToken);
        var machine = await cluster.DescribeAsync(cancellationToken);

        Throughput webhooks;
        TimeSpan ledgerCpu;
        Storage ledgerStorage;
        string assembly;
        IReadOnlyList<StatementCost> statements;
        await using (var ledger = await LedgerApiProcess.StartAsync(LedgerConnectionString(cluster.DataSource), settings.Build, settings.LedgerEnvironment, cancellationToken))
        {
            assembly = ledger.Assembly;
            Progress.Line($"Ledger (pid {ledger.Id}) is healthy at {ledger.BaseAddress}");
            await cluster.CheckpointAsync(cancellationToken);
            await cluster.TakeStatementsAsync(cancellationToken);
            var walBefore = await WalPositionAsync(cluster.DataSource, cancellationToken);
            Progress.Line(Invariant($"Ledger ingest: {settings.Clients} clients posting signed orders/create webhooks"));
            try
            {
                (webhooks, ledgerCpu) = await PostWebhooksAsync(ledger, cluster.Cpu, settings, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                await Console.Error.WriteLineAsync($"Ledger {ledger.Describe()}; its last output:{Environment.NewLine}{ledger.Output}");
                throw;
            }

            Progress.Line(Invariant($"  {webhooks.OperationsPerSecond:N0} webhooks/s, p50 {webhooks.P50Milliseconds:0.0} ms, p99 {webhooks.P99Milliseconds:0.0} ms; CPU µs/webhook client {webhooks.ClientMicrosecondsPerEvent:0} Ledger {ledgerCpu.TotalMicroseconds / webhooks.Operations:0} PostgreSQL {webhooks.ServerMicrosecondsPerEvent:0}, machine busy {webhooks.Cpu.BusyFraction:P0}"));
            statements = await cluster.TakeStatementsAsync(cancellationToken);
            ledgerStorage = await MeasureStorageAsync(
                cluster.DataSource,
                walBefore,
                """
                select count(*), avg(pg_column_size(e.*)),
                       format('payload jsonb %s bytes, raw body %s bytes', round(avg(pg_column_size(e.payload))), round(avg(pg_column_size(e.raw_body))))
                  from ledger.events e where e.source_system = 'shopify'
                """,
                cancellationToken);
        }

        // Ledger is stopped first, so that the baseline has the machine to itself as Ledger's run had.
        var raw = new RawBaseline(cluster.DataSource, cluster.Cpu);
        await raw.CreateTableAsync(cancellationToken);
        await cluster.CheckpointAsync(cancellationToken);
        var rawWalBefore = await WalPositionAsync(cluster.DataSource, cancellationToken);
        Progress.Line(Invariant($"Raw inserts: {settings.Clients} clients x 1 row per transaction"));
        var baseline = await raw.InsertAsync(settings.Clients, 1, settings.Warmup, settings.Duration, cancellationToken);
        Progress.Line(Invariant($"  {baseline.EventsPerSecond:N0} rows/s, p99 {baseline.P99Milliseconds:0.0} ms; CPU µs/row client {baseline.ClientMicrosecondsPerEvent:0} server {baseline.ServerMicrosecondsPerEvent:0}, machine busy {baseline.Cpu.BusyFraction:P0}"));

        var rawStorage = await MeasureStorageAsync(
            cluster.DataSource,
            rawWalBefore,
            "select count(*), avg(pg_column_size(b.*)), format('payload jsonb %s bytes', round(avg(pg_column_size(b.payload)))) from bench_raw b",
            cancellationToken);

        new IngestReport(machine, settings, new IngestResult(webhooks, ledgerCpu, ledgerStorage, baseline, rawStorage, statements), assembly, BenchmarkCluster.LoadAverage()).Write(Console.Out);
        Progress.Line("Stopping and deleting the cluster");
        return 0;
    }

    private static async Task<(Throughput Webhooks, TimeSpan LedgerCpu)> PostWebhooksAsync(
        LedgerProcess ledger, CpuMeter cpu, IngestBenchmarkSettings settings, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = ledger.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var secret = Encoding.UTF8.GetBytes(Secret);
        var firstOrder = 1_000_000_000_000L + (Stopwatch.GetTimestamp() % 1_000_000 * 1_000_000);

        // Ledger's CPU over the same window as the load runner's: it computes its window from the same clock when called.
        var measureFrom = Stopwatch.GetTimestamp() + (long)(settings.Warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        var ledgerCpu = Task.Run(
            async () =>
            {
                await Task.Delay(Until(measureFrom), cancellationToken);
                var from = ledger.CpuTime();
                await Task.Delay(Until(measureTo), cancellationToken);
                return ledger.CpuTime() - from;
            },
            cancellationToken);

        var webhooks = await LoadRunner.RunAsync(settings.Clients, 1, settings.Warmup, settings.Duration, cpu, worker =>
        {
            var sent = 0L;
            return async ct =>
            {
                // Building and signing the body is inside the timed loop: Shopify pays for it too, and on
                // two cores it is CPU the server does not get.
                var orderId = firstOrder + (worker * 100_000_000L) + (++sent * 10);
                var body = OrderBody(orderId);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shopify") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("X-Shopify-Topic", "orders/create");
                request.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(secret, body)));
                request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
                request.Headers.Add("X-Shopify-Event-Id", Guid.NewGuid().ToString());
                request.Headers.Add("X-Shopify-Triggered-At", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                request.Headers.Add("X-Shopify-API-Version", "2025-01");
                request.Headers.Add("X-Shopify-Shop-Domain", "ledger-bench.myshopify.com");
                using var response = await client.SendAsync(request, ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    // A benchmark of failures measures nothing: stop and show why.
                    throw new InvalidOperationException($"Ledger answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                }
            };
        }, cancellationToken);
        return (webhooks, await ledgerCpu);
    }

    /// <summary>Only where the database is: Ledger applies its own pool settings, as it does in production.</summary>
    private static string LedgerConnectionString(NpgsqlDataSource dataSource)
    {
        var bench = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return new NpgsqlConnectionStringBuilder { Host = bench.Host, Port = bench.Port, Username = bench.Username, Database = bench.Database }.ConnectionString;
    }

    /// <summary>A Shopify order of the shape Ledger's own tests send (730 bytes), with this order's id.</summary>
    private static byte[] OrderBody(long id) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""
        {"id":{{id}},"admin_graphql_api_id":"gid://shopify/Order/{{id}}","name":"#{{id % 10000}}","email":"ada@example.com",
         "created_at":"2026-11-20T09:30:00+00:00","updated_at":"2026-11-20T09:31:00+00:00","financial_status":"paid",
         "fulfillment_status":null,"cancelled_at":null,"tags":"vip, locker","currency":"GBP","total_price":"45.00",
         "line_items":[{"id":{{id + 1}},"variant_id":1,"product_id":2,"sku":"TEE-BLK-M","title":"Tee","quantity":2,"price":"20.00","grams":250}],
         "shipping_address":{"first_name":"Ada","last_name":"Lovelace","address1":"1 Analytical St","city":"London","zip":"N1 9GU","country_code":"GB","phone":"+447912345678"},
         "shipping_lines":[{"title":"InPost Locker","code":"INPOST_LOCKER","price":"5.00"}]}
        """));

    private static async Task<long> WalPositionAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Rows, their size and the WAL since <paramref name="walBefore"/>; the query returns count, average size and a detail.</summary>
    private static async Task<Storage> MeasureStorageAsync(NpgsqlDataSource dataSource, long walBefore, string query, CancellationToken cancellationToken)
    {
        var walAfter = await WalPositionAsync(dataSource, cancellationToken);
        await using var command = dataSource.CreateCommand(query);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var rows = reader.GetInt64(0);
        return new Storage(rows, rows == 0 ? double.NaN : (double)reader.GetDecimal(1), rows == 0 ? double.NaN : (walAfter - walBefore) / (double)rows, reader.IsDBNull(2) ? string.Empty : reader.GetString(2));
    }

    private static TimeSpan Until(long timestamp)
    {
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
