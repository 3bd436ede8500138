using System.Diagnostics.Metrics;

namespace Ledger.Application.Inbound;

/// <summary>Counts what each source sent: accepted, duplicates, and rejections by reason (forged signatures included).</summary>
public sealed class InboundMetrics : IDisposable
{
    public const string MeterName = "Ledger.Inbound";

    private readonly Meter _meter;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Dictionary<(string Source, string Reason), long> _rejectedSoFar = [];
    private readonly Lock _lock = new();

    public InboundMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _accepted = _meter.CreateCounter<long>("ledger.webhooks.accepted", description: "Messages from sources recorded (or recognised as duplicates)");
        _rejected = _meter.CreateCounter<long>("ledger.webhooks.rejected", description: "Messages from sources refused, by reason");
    }

    public void Accepted(string source, bool duplicate) =>
        _accepted.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("duplicate", duplicate));

    public void Rejected(string source, string reason)
    {
        _rejected.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("reason", reason));
        lock (_lock)
        {
            _rejectedSoFar[(source, reason)] = _rejectedSoFar.GetValueOrDefault((source, reason)) + 1;
        }
    }

    /// <summary>Rejections counted in this process, for the API and tests.</summary>
    public long RejectedCount(string source, string reason)
    {
        lock (_lock)
        {
            return _rejectedSoFar.GetValueOrDefault((source, reason));
        }
    }

    public void Dispose() => _meter.Dispose();
}
