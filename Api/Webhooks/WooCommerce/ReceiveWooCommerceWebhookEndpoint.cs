using FastEndpoints;
using Ledger.Application.Connectors.WooCommerce;

namespace Ledger.Api.Webhooks.WooCommerce;

/// <summary>WooCommerce's webhooks, authenticated by X-WC-Webhook-Signature; the unsigned save-time ping gets 200.</summary>
public sealed class ReceiveWooCommerceWebhookEndpoint(WooCommerceWebhookReceiver receiver) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post("/webhooks/woocommerce");
        AllowAnonymous();
        Description(d => d.WithTags("Webhooks")
            .Accepts<object>("application/json", "application/x-www-form-urlencoded")
            .Produces<InboundHttp.RecordedResponse>(200)
            .ProducesProblem(400)
            .ProducesProblem(401)
            .ProducesProblem(413));
        Summary(s =>
        {
            s.Summary = "Receive a WooCommerce webhook";
            s.Description = "Topics order.created, order.updated, order.deleted, order.restored, product.updated. X-WC-Webhook-Signature is the base64 HMAC-SHA256 of the body. " +
                "A repeat (same webhook, resource, date_modified and body) is answered 200 and not appended.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var body = await InboundHttp.ReadBodyAsync(HttpContext.Request, ct);
        if (body is null)
        {
            await Send.ResultAsync(InboundHttp.TooLarge());
            return;
        }

        string? Header(string name) => HttpContext.Request.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
        var result = await receiver.ReceiveAsync(
            new WooCommerceDelivery(
                Header("X-WC-Webhook-Topic"),
                Header("X-WC-Webhook-Signature"),
                Header("X-WC-Webhook-ID"),
                Header("X-WC-Webhook-Delivery-ID"),
                Header("X-WC-Webhook-Source"),
                HttpContext.Request.ContentType,
                body),
            ct);
        await Send.ResultAsync(InboundHttp.ToHttp(result));
    }
}
