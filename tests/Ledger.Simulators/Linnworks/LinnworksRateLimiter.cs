namespace Ledger.Simulators.Linnworks;

/// <summary>
/// Sliding one-minute window per endpoint, as the vendor's per-endpoint "N / minute" quotas read.
/// The window is scaled by TimeScale so fast tests can still hit the limit.
/// </summary>
internal sealed class LinnworksRateLimiter(TimeProvider clock, TimeSpan window)
{
    // The vendor lists these at 250 / minute; everything else is 150.
    private static readonly HashSet<string> HighLimitEndpoints = new(StringComparer.OrdinalIgnoreCase)
    {
        "Orders/GetOpenOrders",
        "Orders/ProcessOrder",
        "Orders/ProcessOrdersInBatch",
        "Orders/SetOrderShippingInfo",
        "Orders/SetOrderGeneralInfo",
        "Orders/GetOrdersById",
        "Stock/SetStockLevel",
        "Stock/GetStockLevel",
        "Stock/GetStockLevel_Batch",
        "Stock/GetStockLevelByLocation",
        "OpenOrders/AssignOrderIdentifier",
    };

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _hits = new(StringComparer.OrdinalIgnoreCase);

    public static bool IsHighLimit(string endpoint) => HighLimitEndpoints.Contains(endpoint);

    /// <summary>Counts a call; false (with the wait until a slot frees) when the endpoint's quota is spent.</summary>
    public bool TryAcquire(string endpoint, int limit, out TimeSpan retryAfter)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_hits.TryGetValue(endpoint, out var hits))
            {
                hits = new Queue<DateTimeOffset>();
                _hits[endpoint] = hits;
            }

            while (hits.Count > 0 && now - hits.Peek() >= window)
            {
                hits.Dequeue();
            }

            if (hits.Count >= limit)
            {
                retryAfter = window - (now - hits.Peek());
                return false;
            }

            hits.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _hits.Clear();
        }
    }
}
