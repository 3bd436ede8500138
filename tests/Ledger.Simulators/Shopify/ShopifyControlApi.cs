using static Ledger.Simulators.Hosting.ControlRoutes;

namespace Ledger.Simulators.Shopify;

/// <summary>
/// <c>/_control/shopify/…</c>: the C# API over HTTP for the demo's traffic generator. Requests are
/// camelCase; resources come back in Shopify's own snake_case shape.
/// </summary>
internal static class ShopifyControlApi
{
    public static void Map(IEndpointRouteBuilder app, ShopifySimulator shopify)
    {
        var control = app.MapGroup(shopify.ControlPrefix);

        control.MapGet("/orders", () => ShopifyJson.Result(shopify.Orders));
        control.MapGet("/orders/{id:long}", (long id) =>
            Guard(() => ShopifyJson.Result(shopify.GetOrder(id) ?? throw new KeyNotFoundException($"Order {id} not found."))));
        control.MapGet("/orders/{id:long}/fulfillment-orders", (long id) =>
            Guard(() => ShopifyJson.Result(shopify.FulfillmentOrdersOf(id))));
        control.MapPost("/orders", (ShopifyOrderRequest request) =>
            Guard(() => ShopifyJson.Result(shopify.PlaceOrder(request), StatusCodes.Status201Created)));
        control.MapPost("/orders/{id:long}/pay", (long id) => Guard(() => ShopifyJson.Result(shopify.MarkPaid(id))));
        control.MapPost("/orders/{id:long}/cancel", (long id, CancelRequest? request) =>
            Guard(() => ShopifyJson.Result(shopify.CancelOrder(id, request?.Reason ?? "customer"))));
        control.MapPost("/orders/{id:long}/edit", (long id, EditRequest request) =>
            Guard(() => ShopifyJson.Result(shopify.EditOrder(id, request.Changes))));
        control.MapPost("/orders/{id:long}/shipping-address", (long id, ShopifyAddress address) =>
            Guard(() => ShopifyJson.Result(shopify.ChangeShippingAddress(id, address))));
        control.MapPost("/inventory", (InventoryRequest request) =>
            Guard(() => ShopifyJson.Result(shopify.SetInventory(request.Sku, request.Available, request.LocationId))));
        control.MapGet("/locations", () => ShopifyJson.Result(shopify.Locations));
        control.MapPost("/out-of-order", (ToggleRequest request) =>
        {
            shopify.DeliverOutOfOrder = request.Enabled;
            return Results.Ok(new { deliverOutOfOrder = shopify.DeliverOutOfOrder });
        });
        control.MapPost("/rate-limit/fill", () =>
        {
            shopify.Bucket.Fill();
            return Results.NoContent();
        });
    }

    public sealed record CancelRequest(string? Reason);

    public sealed record EditRequest(IReadOnlyList<ShopifyLineChange> Changes);

    public sealed record InventoryRequest(string Sku, int Available, long? LocationId);

    public sealed record ToggleRequest(bool Enabled);
}
