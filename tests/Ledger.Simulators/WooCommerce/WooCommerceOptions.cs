namespace Ledger.Simulators.WooCommerce;

public sealed record WooCommerceOptions
{
    public string WebhookSecret { get; init; } = "woocommerce-dev-secret";

    public string ConsumerKey { get; init; } = "ck_dev_key";

    public string ConsumerSecret { get; init; } = "cs_dev_secret";

    /// <summary>Path on Ledger that receives webhooks.</summary>
    public string WebhookPath { get; init; } = "/webhooks/woocommerce";

    /// <summary>The site URL in <c>X-WC-Webhook-Source</c> (with its trailing slash).</summary>
    public string SourceUrl { get; init; } = "http://127.0.0.1/";

    /// <summary>Site time zone: <c>date_*</c> fields are site-local, <c>date_*_gmt</c> are UTC.</summary>
    public string SiteTimeZone { get; init; } = "Europe/London";

    /// <summary>Queue a duplicate <c>order.updated</c> for each change (and after <c>order.created</c>), as Woo often does.</summary>
    public bool DuplicateUpdates { get; init; } = true;

    /// <summary>Action Scheduler lag before a queued webhook is sent (real-world; scaled).</summary>
    public TimeSpan DeliveryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Woo's HTTP timeout for a delivery; real time, not scaled.</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A webhook is disabled after more than this many consecutive failures.</summary>
    public int MaxConsecutiveFailures { get; init; } = 5;
}
