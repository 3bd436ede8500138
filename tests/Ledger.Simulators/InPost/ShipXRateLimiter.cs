namespace Ledger.Simulators.InPost;

/// <summary>A token bucket of one second's worth of requests; ShipX publishes no limit, so it is a setting.</summary>
internal sealed class ShipXRateLimiter(double? requestsPerSecond, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private double _tokens = requestsPerSecond ?? 0;
    private long _last = clock.GetTimestamp();

    public bool TryAcquire()
    {
        if (requestsPerSecond is not { } rate)
        {
            return true;
        }

        lock (_gate)
        {
            var now = clock.GetTimestamp();
            _tokens = Math.Min(Math.Max(rate, 1), _tokens + (clock.GetElapsedTime(_last, now).TotalSeconds * rate));
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
