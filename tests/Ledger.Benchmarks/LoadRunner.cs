using System.Diagnostics;

namespace Ledger.Benchmarks;

/// <summary>One measured configuration: how many operations (transactions) and events completed in the window.</summary>
internal sealed record Throughput(int Workers, int BatchSize, long Operations, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds, CpuUsage Cpu)
{
    public long Events => Operations * BatchSize;

    public double OperationsPerSecond => Operations / Elapsed.TotalSeconds;

    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public double ClientMicrosecondsPerEvent => Cpu.Client.TotalMicroseconds / Events;

    public double ServerMicrosecondsPerEvent => Cpu.Server.TotalMicroseconds / Events;
}

/// <summary>
/// A closed loop: each worker starts its next operation as soon as the last one returns, as a writer
/// waiting for its durable commit does. Only operations that complete inside the measured window count,
/// so the warm-up (opening pooled connections, JIT, the first checkpoint's full-page writes) is excluded.
/// </summary>
internal static class LoadRunner
{
    public static async Task<Throughput> RunAsync(
        int workers, int batchSize, TimeSpan warmup, TimeSpan duration, CpuMeter cpu, Func<int, Func<CancellationToken, Task>> createWorker, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        var measureFrom = now + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var cpuUsage = Task.Run(async () =>
        {
            await Task.Delay(Until(measureFrom), cancellationToken);
            var from = cpu.Sample();
            await Task.Delay(Until(measureTo), cancellationToken);
            return CpuUsage.Between(from, cpu.Sample());
        }, cancellationToken);

        var results = await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var operation = createWorker(worker);
            var latencies = new List<long>(capacity: 4096);
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                if (started >= measureTo)
                {
                    return latencies;
                }

                await operation(cancellationToken);
                var finished = Stopwatch.GetTimestamp();
                if (finished >= measureFrom && finished < measureTo)
                {
                    latencies.Add(finished - started);
                }
            }
        }, cancellationToken)));

        var all = results.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new Throughput(workers, batchSize, all.Length, duration, Percentile(all, 0.50), Percentile(all, 0.99), await cpuUsage);
    }

    private static TimeSpan Until(long timestamp)
    {
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static double Percentile(long[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(sorted.Length * fraction))] * 1000.0 / Stopwatch.Frequency;
}
