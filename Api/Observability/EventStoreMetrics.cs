using System.Diagnostics.Metrics;

namespace Ledger.Api.Observability;

/// <summary>How long appends take, by stream category and outcome.</summary>
public sealed class EventStoreMetrics : IDisposable
{
    public const string MeterName = "Ledger.EventStore";

    private readonly Meter _meter;
    private readonly Histogram<double> _appendDuration;

    public EventStoreMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _appendDuration = _meter.CreateHistogram(
            "ledger.append.duration",
            unit: "s",
            description: "Time to append to a stream, from the call to the commit",
            tags: null,
            // An append is one round trip: the interesting range is a millisecond to a second, not the default's hundreds of seconds.
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
    }

    public void RecordAppend(string category, string outcome, TimeSpan elapsed) =>
        _appendDuration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("category", category),
            new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => _meter.Dispose();
}
