using System.Diagnostics.Metrics;
using Ledger.Projections.Runtime;

namespace Ledger.Api.Observability;

/// <summary>
/// How far each projection runs behind the log, as gauges read at scrape time. Reading the status costs a
/// few queries per projection, so one reading serves every scrape for <see cref="CacheFor"/>; a failed
/// reading reports nothing rather than the last, stale numbers.
/// </summary>
public sealed class ProjectionLagMetrics : IDisposable
{
    public const string MeterName = "Ledger.Projections";

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>Gauges are read synchronously by the exporter; a scrape waits this long for a fresh reading.</summary>
    private static readonly TimeSpan WaitForReading = TimeSpan.FromSeconds(2);

    private readonly ProjectionStatusReader _reader;
    private readonly TimeProvider _clock;
    private readonly ILogger<ProjectionLagMetrics> _logger;
    private readonly Meter _meter;
    private readonly Lock _lock = new();
    private IReadOnlyList<ProjectionStatus> _latest = [];
    private long? _readAt;
    private Task? _reading;

    public ProjectionLagMetrics(ProjectionStatusReader reader, TimeProvider clock, ILogger<ProjectionLagMetrics> logger, IMeterFactory? meterFactory = null)
    {
        _reader = reader;
        _clock = clock;
        _logger = logger;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableGauge(
            "ledger.projection.lag",
            () => Sample().Select(s => new Measurement<long>(s.EventsBehind, new KeyValuePair<string, object?>("projection", s.Name))),
            unit: "{event}",
            description: $"Events in the log the projection has not applied yet (counted up to {ProjectionStatusReader.LagCountCap})");
        _meter.CreateObservableGauge(
            "ledger.projection.lag.time",
            () => Sample().Select(s => new Measurement<double>(s.TimeBehind.TotalSeconds, new KeyValuePair<string, object?>("projection", s.Name))),
            unit: "s",
            description: "Time between the last event the projection applied and the log's head");
    }

    private IReadOnlyList<ProjectionStatus> Sample()
    {
        Task reading;
        lock (_lock)
        {
            if (_readAt is { } readAt && _clock.GetElapsedTime(readAt) < CacheFor)
            {
                return _latest;
            }

            // On the thread pool, so the reading's own completion never runs inside this lock.
            _reading ??= Task.Run(ReadAsync);
            reading = _reading;
        }

        reading.Wait(WaitForReading);
        lock (_lock)
        {
            return _latest;
        }
    }

    private async Task ReadAsync()
    {
        IReadOnlyList<ProjectionStatus> statuses;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            statuses = await _reader.ReadAsync(timeout.Token);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Could not read projection status for metrics; projection lag is not reported until it can be");
            statuses = [];
        }

        lock (_lock)
        {
            _latest = statuses;
            _readAt = _clock.GetTimestamp();
            _reading = null;
        }
    }

    public void Dispose() => _meter.Dispose();
}
