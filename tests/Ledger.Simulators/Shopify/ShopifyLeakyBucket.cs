namespace Ledger.Simulators.Shopify;

/// <summary>
/// REST Admin's leaky bucket: each call adds one, the bucket leaks at a fixed rate, a full bucket
/// answers 429. The leak rate is divided by TimeScale so scaled tests drain faster.
/// </summary>
public sealed class ShopifyLeakyBucket(int size, double leakPerSecond, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private double _level;
    private long _lastLeak = clock.GetTimestamp();

    public int Size => size;

    /// <summary>Takes one call; false with the wait until one more call fits when the bucket is full.</summary>
    public bool TryTake(out int used, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            Leak();
            if (_level + 1 > size)
            {
                used = size;
                retryAfter = TimeSpan.FromSeconds((_level + 1 - size) / leakPerSecond);
                return false;
            }

            _level += 1;
            used = (int)Math.Ceiling(_level);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Fills the bucket, so the next calls are throttled (for tests).</summary>
    public void Fill()
    {
        lock (_gate)
        {
            Leak();
            _level = size;
        }
    }

    private void Leak()
    {
        var now = clock.GetTimestamp();
        _level = Math.Max(0, _level - (clock.GetElapsedTime(_lastLeak, now).TotalSeconds * leakPerSecond));
        _lastLeak = now;
    }
}
