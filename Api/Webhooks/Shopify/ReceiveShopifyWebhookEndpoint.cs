using Ledger.Application.Connectors.Shopify;

namespace Ledger.Api.Webhooks.Shopify;

/// <summary>Shopify's webhooks, authenticated by HMAC over the raw body and acknowledged only once recorded.</summary>
public sealed class ReceiveShopifyWebhookEndpoint(ShopifyWebhookReceiver receiver) : InboundEndpoint
{
    public override void Configure()
    {
        Post("/webhooks/shopify");
        DescribeInbound("Webhooks", "Receive a Shopify webhook",
            "Topics orders/create, orders/paid, orders/updated, orders/edited, orders/cancelled, fulfillments/create, fulfillments/update, inventory_levels/update. " +
            "X-Shopify-Hmac-Sha256 must be the base64 HMAC-SHA256 of the body. Repeated X-Shopify-Webhook-Id: 200, nothing appended.",
            "application/json");
    }

    // The newer "Events" delivery drops the X- prefix; header names are case-insensitive either way.
    private string? ShopifyHeader(string name) => Header("X-" + name) ?? Header(name);

    public override Task HandleAsync(CancellationToken ct) => ReceiveAsync(body => receiver.ReceiveAsync(
        new ShopifyDelivery(
            ShopifyHeader("Shopify-Topic"),
            ShopifyHeader("Shopify-Hmac-Sha256"),
            ShopifyHeader("Shopify-Webhook-Id"),
            ShopifyHeader("Shopify-Event-Id"),
            ShopifyHeader("Shopify-Triggered-At"),
            ShopifyHeader("Shopify-API-Version"),
            ShopifyHeader("Shopify-Shop-Domain"),
            body),
        ct), ct);
}
