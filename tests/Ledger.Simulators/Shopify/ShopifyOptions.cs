namespace Ledger.Simulators.Shopify;

public sealed record ShopifyOptions
{
    /// <summary>HMAC key for webhooks (the app's client secret).</summary>
    public string WebhookSecret { get; init; } = "shopify-dev-secret";

    public string AccessToken { get; init; } = "shpat_dev_token";

    public string ShopDomain { get; init; } = "ledger-demo.myshopify.com";

    /// <summary>Version stamped on webhooks; the wire API accepts any <c>{version}</c> in the path.</summary>
    public string ApiVersion { get; init; } = "2025-01";

    /// <summary>Path on Ledger that receives webhooks.</summary>
    public string WebhookPath { get; init; } = "/webhooks/shopify";

    /// <summary>Shop time zone, used for timestamps (Shopify writes them with the shop's offset).</summary>
    public string TimeZone { get; init; } = "Europe/London";

    public int BucketSize { get; init; } = 40;

    /// <summary>Real-world leak rate; the effective rate is divided by TimeScale.</summary>
    public double LeakPerSecond { get; init; } = 2;

    /// <summary>Shopify retries 8 times over about 4 hours since 2024-09.</summary>
    public int WebhookRetries { get; init; } = 8;

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Shopify's 5 s limit on Ledger's answer; real time, not scaled.</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Deliver <c>orders/create</c> late so <c>orders/paid</c> or <c>orders/updated</c> arrive first.</summary>
    public bool DeliverOutOfOrder { get; init; }

    /// <summary>How late <c>orders/create</c> arrives when out of order (real-world; scaled).</summary>
    public TimeSpan OutOfOrderDelay { get; init; } = TimeSpan.FromSeconds(3);

    public IReadOnlyList<ShopifyLocation> Locations { get; init; } =
    [
        new() { Id = 71000000001, Name = "Ledger Warehouse", Address1 = "1 Dock Road", City = "Leeds", Zip = "LS1 1AA" },
        new() { Id = 71000000002, Name = "ACS Clothing", Address1 = "2 Hillington Park", City = "Glasgow", Zip = "G52 4TA" },
    ];
}
