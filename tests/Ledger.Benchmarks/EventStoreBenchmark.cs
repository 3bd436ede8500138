using System.Globalization;

namespace Ledger.Benchmarks;

/// <summary>
/// The <c>eventstore</c> command: appends (single events, then batches of 10) at each writer count against
/// raw INSERTs, then fills the log and reads <c>$all</c> against COPY, all on one private cluster.
/// </summary>
internal static class EventStoreBenchmark
{
    private const int ReadRounds = 3;

    private static readonly int[] BatchSizes = [1, 10];

    public static async Task<int> RunAsync(EventStoreBenchmarkSettings settings, CancellationToken cancellationToken)
    {
        Progress.Line("Starting a private PostgreSQL cluster");
        await using var cluster = await BenchmarkCluster.StartAsync(settings.Statements, settings.Notifier, settings.ConnectionSettings, cancellationToken);
        var machine = await cluster.DescribeAsync(cancellationToken);
        foreach (var (name, value) in machine)
        {
            Progress.Line($"  {name}: {value}");
        }

        var report = new Report(machine, settings);
        var raw = new RawBaseline(cluster.DataSource, cluster.Cpu);
        await raw.CreateTableAsync(cancellationToken);
        var appends = new AppendBenchmark(cluster.Store, cluster.Cpu);
        await cluster.TakeStatementsAsync(cancellationToken);

        foreach (var batchSize in BatchSizes)
        {
            foreach (var writers in settings.Writers)
            {
                // Ledger and raw take turns at each configuration, so that a slow drift (a growing table,
                // a checkpoint) touches both alike.
                await cluster.CheckpointAsync(cancellationToken);
                Progress.Line(Invariant($"Ledger appends: {writers} writers x {batchSize} events per append"));
                var ledger = await appends.RunAsync(writers, batchSize, settings.Warmup, settings.Duration, cancellationToken);
                Progress.Line(Invariant($"  {ledger.EventsPerSecond:N0} events/s, {ledger.OperationsPerSecond:N0} appends/s, p99 {ledger.P99Milliseconds:0.0} ms; CPU µs/event client {ledger.ClientMicrosecondsPerEvent:0} server {ledger.ServerMicrosecondsPerEvent:0}, machine busy {ledger.Cpu.BusyFraction:P0}"));

                await cluster.CheckpointAsync(cancellationToken);
                Progress.Line(Invariant($"Raw inserts: {writers} clients x {batchSize} rows per transaction"));
                var baseline = await raw.InsertAsync(writers, batchSize, settings.Warmup, settings.Duration, cancellationToken);
                Progress.Line(Invariant($"  {baseline.EventsPerSecond:N0} rows/s, {baseline.OperationsPerSecond:N0} tx/s, p99 {baseline.P99Milliseconds:0.0} ms; ledger ÷ raw = {ledger.EventsPerSecond / baseline.EventsPerSecond:0.00}; CPU µs/event client {baseline.ClientMicrosecondsPerEvent:0} server {baseline.ServerMicrosecondsPerEvent:0}, machine busy {baseline.Cpu.BusyFraction:P0}"));
                report.AddAppend(ledger, baseline);
            }
        }

        report.AddStatements("append runs (ledger and raw)", await cluster.TakeStatementsAsync(cancellationToken));

        var reads = new ReadBenchmark(cluster.Store, cluster.DataSource, raw, cluster.Cpu);
        Progress.Line(Invariant($"Filling the log to {settings.LogSize:N0} events"));
        var fill = await reads.FillAsync(settings.LogSize, cancellationToken);
        Progress.Line(Invariant($"  appended {fill.EventsAppended:N0} events in {fill.Elapsed.TotalSeconds:0.0} s ({fill.EventsPerSecond:N0} events/s)"));
        report.SetFill(fill);
        report.AddStatements(Invariant($"log fill ({ReadBenchmark.FillBatchSize}-event appends)"), await cluster.TakeStatementsAsync(cancellationToken));

        Progress.Line("Reading $all and the raw baselines");
        report.AddReads(await reads.MeasureAsync(ReadRounds, cancellationToken));
        report.AddStatements("reads", await cluster.TakeStatementsAsync(cancellationToken));

        report.SetLoadAverageAtEnd(BenchmarkCluster.LoadAverage());
        report.Write(Console.Out);
        Progress.Line("Stopping and deleting the cluster");
        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
