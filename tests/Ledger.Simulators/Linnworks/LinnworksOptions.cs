namespace Ledger.Simulators.Linnworks;

public sealed record LinnworksOptions
{
    public Guid ApplicationId { get; init; } = Guid.Parse("11111111-1111-1111-1111-111111111111");

    public string ApplicationSecret { get; init; } = "linnworks-dev-secret";

    public string Token { get; init; } = "linnworks-dev-install-token";

    /// <summary>Real-world inactivity after which a session token stops working; scaled by TimeScale.</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Calls per endpoint per (scaled) minute for most endpoints.</summary>
    public int DefaultRateLimitPerMinute { get; init; } = 150;

    /// <summary>Calls per endpoint per (scaled) minute for the busy endpoints the vendor lists (GetOpenOrders, ProcessOrder…).</summary>
    public int HighRateLimitPerMinute { get; init; } = 250;
}
