namespace Ledger.Application.Connectors.WooCommerce;

public sealed record WooCommerceOptions
{
    public const string Section = "Connectors:WooCommerce";

    /// <summary>Webhook secrets (current and previous). WooCommerce HTML-decodes the secret before signing.</summary>
    public IReadOnlyList<string> WebhookSecrets { get; init; } = [];

    /// <summary>The site's root; the REST API is under <c>/wp-json/wc/v3</c>.</summary>
    public Uri BaseUrl { get; init; } = new("http://127.0.0.1:5090/woocommerce");

    /// <summary>REST API key (<c>ck_…</c>), sent with <see cref="ConsumerSecret"/> as Basic auth.</summary>
    public string ConsumerKey { get; init; } = string.Empty;

    public string ConsumerSecret { get; init; } = string.Empty;

    /// <summary>The reconciliation poll: WooCommerce never retries a failed webhook, so Ledger looks for what it missed.</summary>
    public WooCommercePollingOptions Polling { get; init; } = new();
}

public sealed record WooCommercePollingOptions
{
    public bool Enabled { get; init; }

    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Only orders modified at least this long ago are reconciled: Action Scheduler sends webhooks late, and
    /// an order whose webhook is merely still on its way should be recorded by that webhook.
    /// </summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Each search starts this long before the checkpoint (WordPress keeps whole seconds; clocks drift).</summary>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back the first search reaches, before any checkpoint exists.</summary>
    public TimeSpan InitialLookback { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The order statuses to reconcile, as WooCommerce's <c>status</c> filter takes them.</summary>
    public string Statuses { get; init; } = "processing";
}
