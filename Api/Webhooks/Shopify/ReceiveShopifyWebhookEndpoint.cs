using FastEndpoints;
using Ledger.Application.Connectors.Shopify;

namespace Ledger.Api.Webhooks.Shopify;

/// <summary>Shopify's webhooks, authenticated by HMAC over the raw body and acknowledged only once recorded.</summary>
public sealed class ReceiveShopifyWebhookEndpoint(ShopifyWebhookReceiver receiver) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post("/webhooks/shopify");
        AllowAnonymous();
        Description(d => d.WithTags("Webhooks")
            .Accepts<object>("application/json")
            .Produces<InboundHttp.RecordedResponse>(200)
            .ProducesProblem(400)
            .ProducesProblem(401)
            .ProducesProblem(413));
        Summary(s =>
        {
            s.Summary = "Receive a Shopify webhook";
            s.Description = "Topics orders/create, orders/paid, orders/updated, orders/edited, orders/cancelled, fulfillments/create, fulfillments/update, inventory_levels/update. " +
                "X-Shopify-Hmac-Sha256 must be the base64 HMAC-SHA256 of the body. Repeated X-Shopify-Webhook-Id: 200, nothing appended.";
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

        // The newer "Events" delivery drops the X- prefix; header names are case-insensitive either way.
        string? Header(string name) =>
            HttpContext.Request.Headers.TryGetValue("X-" + name, out var v) || HttpContext.Request.Headers.TryGetValue(name, out v) ? v.ToString() : null;

        var result = await receiver.ReceiveAsync(
            new ShopifyDelivery(
                Header("Shopify-Topic"),
                Header("Shopify-Hmac-Sha256"),
                Header("Shopify-Webhook-Id"),
                Header("Shopify-Event-Id"),
                Header("Shopify-Triggered-At"),
                Header("Shopify-API-Version"),
                Header("Shopify-Shop-Domain"),
                body),
            ct);
        await Send.ResultAsync(InboundHttp.ToHttp(result));
    }
}
