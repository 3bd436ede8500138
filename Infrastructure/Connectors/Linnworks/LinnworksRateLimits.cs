using System.Threading.RateLimiting;
using Ledger.Application.Connectors.Linnworks;

namespace Ledger.Infrastructure.Connectors.Linnworks;

/// <summary>
/// One sliding-window limiter per Linnworks endpoint at the vendor's per-minute quota. A call waits for a
/// permit instead of spending the quota and earning a 429. Singleton: the quota is per account, not per
/// HttpClient handler.
/// </summary>
public sealed class LinnworksRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public LinnworksRateLimits(LinnworksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.RateLimits;
        _limiter = PartitionedRateLimiter.Create<string, string>(endpoint => RateLimitPartition.GetSlidingWindowLimiter(
            endpoint,
            key => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = LimitFor(limits, key),
                Window = limits.Window,
                SegmentsPerWindow = 6,
                QueueLimit = 10_000,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));
    }

    public static int LimitFor(LinnworksRateLimitOptions limits, string endpoint)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var high = limits.HighLimitEndpoints.Any(e => e.EndsWith('*')
            ? endpoint.StartsWith(e[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(e, endpoint, StringComparison.OrdinalIgnoreCase));
        return high ? limits.HighPerMinute : limits.DefaultPerMinute;
    }

    /// <summary>Waits for a permit; partitions are per endpoint whatever the casing (Linnworks ignores it).</summary>
    public ValueTask<RateLimitLease> AcquireAsync(string endpoint, CancellationToken cancellationToken) =>
        _limiter.AcquireAsync(endpoint.ToUpperInvariant(), 1, cancellationToken);

    public void Dispose() => _limiter.Dispose();
}

/// <summary>Takes a permit from <see cref="LinnworksRateLimits"/> for each attempt (so retries count against the quota too).</summary>
public sealed class LinnworksRateLimitHandler(LinnworksRateLimits limits) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var lease = await limits.AcquireAsync(EndpointOf(request.RequestUri), cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new ConnectorException("linnworks", $"Ledger's own quota queue for {EndpointOf(request.RequestUri)} is full.");
        }

        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary><c>Controller/Method</c> from <c>…/api/Controller/Method</c>.</summary>
    public static string EndpointOf(Uri? uri)
    {
        var path = uri?.AbsolutePath ?? string.Empty;
        var api = path.LastIndexOf("/api/", StringComparison.OrdinalIgnoreCase);
        return api < 0 ? path : path[(api + "/api/".Length)..].TrimEnd('/');
    }
}
