using Ledger.Simulators.Acs;
using Ledger.Simulators.InPost;
using Ledger.Simulators.Linnworks;
using Ledger.Simulators.Peoplevox;
using Ledger.Simulators.Shopify;
using Ledger.Simulators.WooCommerce;

namespace Ledger.Simulators.Hosting;

/// <summary>
/// Everything a simulator host needs to know. Secrets live in each system's options record and
/// default to the development values Ledger also uses.
/// </summary>
public sealed record SimulatorSettings
{
    public Uri LedgerBaseUrl { get; init; } = new("http://127.0.0.1:5080");

    /// <summary>Multiplies every simulated delay (retry back-offs, async confirmations, session lapses).</summary>
    public double TimeScale { get; init; } = 1.0;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public ShopifyOptions Shopify { get; init; } = new();

    public WooCommerceOptions WooCommerce { get; init; } = new();

    public LinnworksOptions Linnworks { get; init; } = new();

    public PeoplevoxOptions Peoplevox { get; init; } = new();

    public InPostOptions InPost { get; init; } = new();

    public AcsOptions Acs { get; init; } = new();

    /// <summary>Converts a real-world duration into simulated (scaled) time.</summary>
    public TimeSpan Scale(TimeSpan realWorld) =>
        realWorld <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks((long)(realWorld.Ticks * TimeScale));

    /// <summary>An absolute URL on Ledger, e.g. <c>LedgerUrl("/webhooks/shopify")</c>.</summary>
    public Uri LedgerUrl(string pathAndQuery) => new(LedgerBaseUrl, pathAndQuery);
}
