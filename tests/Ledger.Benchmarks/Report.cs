using static System.FormattableString;

namespace Ledger.Benchmarks;

/// <summary>
/// Collects the figures and writes them as Markdown, ready to paste into docs/benchmarks.md: machine,
/// appends against raw INSERTs, the fill, reads against COPY, and the goals with PASS or MISS.
/// Every number is formatted invariantly, so the report reads the same on any machine.
/// </summary>
internal sealed class Report(IReadOnlyList<(string Name, string Value)> machine, EventStoreBenchmarkSettings settings)
{
    public const double AppendGoal = 0.5;
    public const double ReadGoal = 0.5;

    private static readonly string[] MachineLine = ["CPU", "Memory", "OS", ".NET", "PostgreSQL", "Load average at start"];

    private readonly List<(Throughput Ledger, Throughput Raw)> _appends = [];
    private readonly List<ReadResult> _reads = [];
    private readonly List<(string Phase, IReadOnlyList<StatementCost> Costs)> _statements = [];
    private FillResult? _fill;
    private string _loadAverageAtEnd = "unknown";

    public void AddAppend(Throughput ledger, Throughput raw) => _appends.Add((ledger, raw));

    public void SetFill(FillResult fill) => _fill = fill;

    public void SetLoadAverageAtEnd(string loadAverage) => _loadAverageAtEnd = loadAverage;

    public void AddReads(IEnumerable<ReadResult> reads) => _reads.AddRange(reads);

    public void AddStatements(string phase, IReadOnlyList<StatementCost> costs)
    {
        if (costs.Count > 0)
        {
            _statements.Add((phase, costs));
        }
    }

    public void Write(TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteLine("## Event store benchmark");
        w.WriteLine();
        w.WriteLine($"Machine: {Value("CPU")}; {Value("Memory")}; {Value("OS")}; {Value(".NET")}; load average (1 / 5 / 15 min) {Value("Load average at start")} at the start, {_loadAverageAtEnd} at the end.");
        w.WriteLine();
        w.WriteLine($"Server: {Value("PostgreSQL")}, a private cluster started by the benchmark, reached over TCP on 127.0.0.1.");
        w.WriteLine();
        w.WriteLine("| Setting | Value |");
        w.WriteLine("|---|---|");
        foreach (var (name, value) in machine.Where(m => !MachineLine.Contains(m.Name)))
        {
            w.WriteLine($"| {name} | {value} |");
        }

        WriteAppends(w);
        WriteReads(w);
        WriteGoals(w);
        WriteStatements(w);
    }

    private void WriteAppends(TextWriter w)
    {
        w.WriteLine();
        w.WriteLine(Invariant($"### Durable appends ({settings.Duration.TotalSeconds:0} s per run after a {settings.Warmup.TotalSeconds:0} s warm-up)"));
        w.WriteLine();
        w.WriteLine(Invariant($"Ledger: `PostgresEventStore.AppendToStreamAsync` with `ExpectedRevision.Any`, each writer on its own streams (a new one every {AppendBenchmark.EventsPerStream} events), one call and one transaction per append. ")
            + "Raw: one plain `INSERT` into `bench_raw` (bigserial key, jsonb payload, same metadata) per autocommit transaction; "
            + "for batches, one `INSERT … SELECT FROM unnest(…)` of all the rows. Latencies are per append or transaction.");
        w.WriteLine();
        w.WriteLine("| Events per append | Writers | Ledger events/s | Ledger appends/s | Ledger p50 / p99 ms | Raw events/s | Raw tx/s | Raw p50 / p99 ms | Ledger ÷ raw |");
        w.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (ledger, raw) in _appends)
        {
            w.WriteLine(Invariant($"| {ledger.BatchSize} | {ledger.Workers} | {ledger.EventsPerSecond:N0} | {ledger.OperationsPerSecond:N0} | {ledger.P50Milliseconds:0.0} / {ledger.P99Milliseconds:0.0} ")
                + Invariant($"| {raw.EventsPerSecond:N0} | {raw.OperationsPerSecond:N0} | {raw.P50Milliseconds:0.0} / {raw.P99Milliseconds:0.0} | {Ratio(ledger.EventsPerSecond, raw.EventsPerSecond):0.00} |"));
        }

        w.WriteLine();
        w.WriteLine("Where the CPU went during each measured window, per event: the benchmark process (client, including the store's "
            + "code) and the cluster's server processes. \"Others\" is the share of the machine's CPU that other programs took.");
        w.WriteLine();
        w.WriteLine("| Events per append | Writers | Ledger client µs/event | Ledger server µs/event | Raw client µs/event | Raw server µs/event | Machine busy (ledger / raw) | Others (ledger / raw) |");
        w.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (ledger, raw) in _appends)
        {
            w.WriteLine(Invariant($"| {ledger.BatchSize} | {ledger.Workers} | {ledger.ClientMicrosecondsPerEvent:N0} | {ledger.ServerMicrosecondsPerEvent:N0} | {raw.ClientMicrosecondsPerEvent:N0} | {raw.ServerMicrosecondsPerEvent:N0} ")
                + Invariant($"| {ledger.Cpu.BusyFraction:P0} / {raw.Cpu.BusyFraction:P0} | {OthersShare(ledger.Cpu):P0} / {OthersShare(raw.Cpu):P0} |"));
        }
    }

    private static double OthersShare(CpuUsage cpu) => cpu.MachineTotal > TimeSpan.Zero ? cpu.Others / cpu.MachineTotal : double.NaN;

    private void WriteReads(TextWriter w)
    {
        w.WriteLine();
        w.WriteLine("### `$all` read");
        w.WriteLine();
        if (_fill is { } fill)
        {
            w.WriteLine(Invariant($"The log held {fill.EventsBefore:N0} events from the append runs; {fill.Writers} writers appended {fill.EventsAppended:N0} more ")
                + Invariant($"in {fill.BatchSize}-event appends in {fill.Elapsed.TotalSeconds:0.0} s ({fill.EventsPerSecond:N0} events/s). ")
                + Invariant($"`ledger.events` with its indexes then took {fill.TableBytes / (1024.0 * 1024):N0} MiB. ")
                + "After `VACUUM (ANALYZE)` and a checkpoint, each reader read the whole log three times, in turns; the table shows each one's best round (the first also warms the OS page cache). "
                + "The raw COPY is binary and its rows are only counted, never decoded.");
            w.WriteLine();
        }

        var copy = RawCopy;
        w.WriteLine("| Reader | Events | Seconds | Events/s | ÷ raw COPY | Client µs/event | Server µs/event | Others |");
        w.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var read in _reads)
        {
            var ratio = copy is null ? double.NaN : Ratio(read.RowsPerSecond, copy.RowsPerSecond);
            w.WriteLine(Invariant($"| {read.Label} | {read.Rows:N0} | {read.Elapsed.TotalSeconds:0.00} | {read.RowsPerSecond:N0} | {ratio:0.00} | {read.ClientMicrosecondsPerEvent:0.0} | {read.ServerMicrosecondsPerEvent:0.0} | {OthersShare(read.Cpu):P0} |"));
        }
    }

    private void WriteGoals(TextWriter w)
    {
        w.WriteLine();
        w.WriteLine("### Goals");
        w.WriteLine();
        w.WriteLine("| Goal | Ledger | Baseline | Ratio | Result |");
        w.WriteLine("|---|---:|---:|---:|---|");
        var most = settings.Writers.Max();
        var single = _appends.FirstOrDefault(a => a.Ledger.BatchSize == 1 && a.Ledger.Workers == most);
        if (single.Ledger is not null)
        {
            var ratio = Ratio(single.Ledger.EventsPerSecond, single.Raw.EventsPerSecond);
            w.WriteLine(Invariant($"| Single-event append at {most} writers ≥ {AppendGoal:0.0} × raw INSERT at {most} clients | {single.Ledger.EventsPerSecond:N0} events/s | {single.Raw.EventsPerSecond:N0} rows/s | {ratio:0.00} | {Verdict(ratio, AppendGoal)} |"));
        }

        var store = _reads.FirstOrDefault(r => r.Label.StartsWith("PostgresEventStore", StringComparison.Ordinal));
        if (store is not null && RawCopy is { } copy)
        {
            var ratio = Ratio(store.RowsPerSecond, copy.RowsPerSecond);
            w.WriteLine(Invariant($"| `$all` read ≥ {ReadGoal:0.0} × raw COPY | {store.RowsPerSecond:N0} events/s | {copy.RowsPerSecond:N0} rows/s | {ratio:0.00} | {Verdict(ratio, ReadGoal)} |"));
        }
    }

    private void WriteStatements(TextWriter w)
    {
        foreach (var (phase, costs) in _statements)
        {
            w.WriteLine();
            w.WriteLine($"### Costliest statements: {phase} (pg_stat_statements, track = all)");
            w.WriteLine();
            w.WriteLine("| Calls | Total ms | Mean ms | Rows | Top level | Statement |");
            w.WriteLine("|---:|---:|---:|---:|---|---|");
            foreach (var cost in costs)
            {
                var query = (cost.Query.Length > 160 ? cost.Query[..160] + "…" : cost.Query).Replace("|", "\\|", StringComparison.Ordinal);
                w.WriteLine(Invariant($"| {cost.Calls:N0} | {cost.TotalMilliseconds:N0} | {cost.MeanMilliseconds:0.000} | {cost.Rows:N0} | {(cost.TopLevel ? "yes" : "no")} | `{query}` |"));
            }
        }
    }

    private ReadResult? RawCopy => _reads.FirstOrDefault(r => r.Label.StartsWith("Raw COPY", StringComparison.Ordinal));

    private string Value(string name) => machine.FirstOrDefault(m => m.Name == name).Value ?? "?";

    private static double Ratio(double value, double baseline) => baseline > 0 ? value / baseline : double.NaN;

    private static string Verdict(double ratio, double goal) =>
        Invariant($"{(ratio >= goal ? "PASS" : "MISS")} (goal ≥ {goal:0.00}, {(ratio >= goal ? "above" : "below")} by {Math.Abs(ratio - goal) / goal:P0})");
}
