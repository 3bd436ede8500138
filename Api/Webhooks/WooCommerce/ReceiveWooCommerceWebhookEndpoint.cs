using Ledger.Application.Connectors.WooCommerce;

namespace Ledger.Api.Webhooks.WooCommerce;

/// <summary>WooCommerce's webhooks, authenticated by X-WC-Webhook-Signature; the unsigned save-time ping gets 200.</summary>
public sealed class ReceiveWooCommerceWebhookEndpoint(WooCommerceWebhookReceiver receiver) : InboundEndpoint
{
    public override void Configure()
    {
        Post("/webhooks/woocommerce");
        DescribeInbound("Webhooks", "Receive a WooCommerce webhook",
            "Topics order.created, order.updated, order.deleted, order.restored, product.updated. X-WC-Webhook-Signature is the base64 HMAC-SHA256 of the body. " +
            "A repeat (same webhook, resource, date_modified and body) is answered 200 and not appended.",
            "application/json", "application/x-www-form-urlencoded");
    }

    public override Task HandleAsync(CancellationToken ct) => ReceiveAsync(body => receiver.ReceiveAsync(
        new WooCommerceDelivery(
            Header("X-WC-Webhook-Topic"),
            Header("X-WC-Webhook-Signature"),
            Header("X-WC-Webhook-ID"),
            Header("X-WC-Webhook-Delivery-ID"),
            Header("X-WC-Webhook-Source"),
            HttpContext.Request.ContentType,
            body),
        ct), ct);
}
