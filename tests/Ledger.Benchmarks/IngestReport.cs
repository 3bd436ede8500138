using System.Globalization;

namespace Ledger.Benchmarks;

/// <summary>
/// The <c>ingest</c> figures as Markdown, ready to paste into docs/benchmarks.md: machine, webhooks against
/// raw INSERTs, where the CPU went, and the goals with PASS or MISS.
/// </summary>
internal sealed class IngestReport(IReadOnlyList<(string Name, string Value)> machine, IngestBenchmarkSettings settings, IngestResult result, string assembly, string loadAverageAtEnd)
{
    public void Write(TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var (webhooks, ledgerCpu, stored, raw, rawStored, statements) = result;
        w.WriteLine("## Ingestion: signed Shopify webhooks over HTTP");
        w.WriteLine();
        w.WriteLine($"Machine: {Value("CPU")}; {Value("Memory")}; {Value("OS")}; {Value(".NET")}; load average (1 / 5 / 15 min) {Value("Load average at start")} at the start, {loadAverageAtEnd} at the end.");
        w.WriteLine();
        w.WriteLine($"Server: {Value("PostgreSQL")}, a private cluster started by the benchmark (durability at PostgreSQL's defaults: fsync {Value("fsync")}, synchronous_commit {Value("synchronous_commit")}; shared_buffers {Value("shared_buffers")}).");
        w.WriteLine();
        w.WriteLine($"Ledger: `dotnet {Path.GetFileName(assembly)}` (Release, its own process, Kestrel on 127.0.0.1, `ASPNETCORE_ENVIRONMENT=Development` for the dev webhook secret), on the same cluster"
            + (settings.LedgerEnvironment.Count == 0 ? "." : $", with {string.Join(", ", settings.LedgerEnvironment.Select(e => $"`{e.Key}={e.Value}`"))} (`--ledger-env`)."));
        w.WriteLine();
        w.WriteLine(Invariant($"Load: {settings.Clients} clients in a closed loop, {settings.Duration.TotalSeconds:0} s measured after a {settings.Warmup.TotalSeconds:0} s warm-up. Each posts a signed `orders/create` webhook (730 bytes, a new order and webhook id every time) and sends the next as soon as the 200 arrives; Ledger answers 200 only once the event is durably appended. ")
            + Invariant($"{stored.Rows:N0} events were in the log at the end of the run, warm-up included. ")
            + "Raw: the eventstore benchmark's baseline on the same cluster after Ledger was stopped: one plain `INSERT` per autocommit transaction of its own row (about 300 bytes of jsonb and the same metadata; sizes below).");
        w.WriteLine();
        w.WriteLine("| Run | Clients | Per second | p50 / p99 ms | Load generator µs/op | Ledger µs/op | PostgreSQL µs/op | Machine busy | Others |");
        w.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var others = webhooks.Cpu.MachineBusy - webhooks.Cpu.Client - webhooks.Cpu.Server - ledgerCpu;
        w.WriteLine(Invariant($"| Ledger: signed webhooks acknowledged | {webhooks.Workers} | {webhooks.OperationsPerSecond:N0} | {webhooks.P50Milliseconds:0.0} / {webhooks.P99Milliseconds:0.0} ")
            + Invariant($"| {webhooks.ClientMicrosecondsPerEvent:N0} | {ledgerCpu.TotalMicroseconds / webhooks.Operations:N0} | {webhooks.ServerMicrosecondsPerEvent:N0} | {webhooks.Cpu.BusyFraction:P0} | {Share(others, webhooks.Cpu):P0} |"));
        w.WriteLine(Invariant($"| Raw: INSERT transactions | {raw.Workers} | {raw.OperationsPerSecond:N0} | {raw.P50Milliseconds:0.0} / {raw.P99Milliseconds:0.0} ")
            + Invariant($"| {raw.ClientMicrosecondsPerEvent:N0} | – | {raw.ServerMicrosecondsPerEvent:N0} | {raw.Cpu.BusyFraction:P0} | {Share(raw.Cpu.Others, raw.Cpu):P0} |"));
        w.WriteLine();
        w.WriteLine("µs/op is CPU time per acknowledged webhook (or committed row) in the measured window: the load generator is the benchmark process, "
            + "Ledger the Api process, PostgreSQL the cluster's server processes. \"Others\" is the share of the machine's CPU that other programs took.");
        w.WriteLine();
        w.WriteLine(Invariant($"Stored per operation, warm-up included: Ledger's event row {stored.RowBytes:N0} bytes ({stored.Detail}) and {stored.WalBytesPerRow:N0} bytes of WAL per webhook; ")
            + Invariant($"the raw row {rawStored.RowBytes:N0} bytes ({rawStored.Detail}) and {rawStored.WalBytesPerRow:N0} bytes of WAL per row."));
        w.WriteLine();
        w.WriteLine("| Goal | Measured | Result |");
        w.WriteLine("|---|---:|---|");
        var ratio = raw.OperationsPerSecond > 0 ? webhooks.OperationsPerSecond / raw.OperationsPerSecond : double.NaN;
        w.WriteLine(Invariant($"| Acknowledged webhooks/s ≥ {IngestBenchmark.RatioGoal:0.0} × raw INSERT tx/s at {settings.Clients} clients | {webhooks.OperationsPerSecond:N0} / {raw.OperationsPerSecond:N0} = {ratio:0.00} | {(ratio >= IngestBenchmark.RatioGoal ? "PASS" : "MISS")} |"));
        w.WriteLine(Invariant($"| p99 latency < {IngestBenchmark.P99GoalMilliseconds:0} ms | {webhooks.P99Milliseconds:0.0} ms | {(webhooks.P99Milliseconds < IngestBenchmark.P99GoalMilliseconds ? "PASS" : "MISS")} |"));
        WriteStatements(w, statements);
    }

    private static void WriteStatements(TextWriter w, IReadOnlyList<StatementCost> statements)
    {
        if (statements.Count == 0)
        {
            return;
        }

        w.WriteLine();
        w.WriteLine("Costliest statements during Ledger's run, warm-up included (pg_stat_statements, track = all):");
        w.WriteLine();
        w.WriteLine("| Calls | Total ms | Mean ms | Rows | Top level | Statement |");
        w.WriteLine("|---:|---:|---:|---:|---|---|");
        foreach (var cost in statements)
        {
            var query = (cost.Query.Length > 160 ? cost.Query[..160] + "…" : cost.Query).Replace("|", "\\|", StringComparison.Ordinal);
            w.WriteLine(Invariant($"| {cost.Calls:N0} | {cost.TotalMilliseconds:N0} | {cost.MeanMilliseconds:0.000} | {cost.Rows:N0} | {(cost.TopLevel ? "yes" : "no")} | `{query}` |"));
        }
    }

    private static double Share(TimeSpan part, CpuUsage cpu) =>
        cpu.MachineTotal > TimeSpan.Zero ? Math.Max(0, part / cpu.MachineTotal) : double.NaN;

    private string Value(string name) => machine.FirstOrDefault(m => m.Name == name).Value ?? "?";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
