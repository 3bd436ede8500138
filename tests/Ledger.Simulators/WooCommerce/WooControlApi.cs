using static Ledger.Simulators.Hosting.ControlRoutes;

namespace Ledger.Simulators.WooCommerce;

/// <summary><c>/_control/woocommerce/…</c>: the C# API over HTTP (camelCase in, Woo's shape out).</summary>
internal static class WooControlApi
{
    public static void Map(IEndpointRouteBuilder app, WooCommerceSimulator woo)
    {
        var control = app.MapGroup(woo.ControlPrefix);

        control.MapGet("/orders", () => WooJson.Result(woo.Orders));
        control.MapGet("/orders/{id:int}", (int id) =>
            Guard(() => WooJson.Result(woo.GetOrder(id) ?? throw new KeyNotFoundException($"Order {id} not found."))));
        control.MapGet("/orders/{id:int}/notes", (int id) => WooJson.Result(woo.NotesOf(id)));
        control.MapPost("/orders", (WooOrderRequest request) =>
            Guard(() => WooJson.Result(woo.PlaceOrder(request), StatusCodes.Status201Created)));
        control.MapPost("/orders/{id:int}/pay", (int id) => Guard(() => WooJson.Result(woo.PayOrder(id))));
        control.MapPost("/orders/{id:int}/cancel", (int id) => Guard(() => WooJson.Result(woo.CancelOrder(id))));
        control.MapPost("/orders/{id:int}/status", (int id, StatusRequest request) =>
            Guard(() => WooJson.Result(woo.SetStatus(id, request.Status))));
        control.MapPost("/orders/{id:int}/edit", (int id, WooOrderEdit edit) =>
            Guard(() => WooJson.Result(woo.EditOrder(id, edit))));
        control.MapGet("/products", () => WooJson.Result(woo.Products));
        control.MapPost("/products", (ProductRequest request) =>
            Guard(() => WooJson.Result(woo.AddProduct(request.Sku, request.Stock, request.Price ?? 30m, request.Name, request.ParentId ?? 0))));
        control.MapPost("/stock", (StockRequest request) => Guard(() => WooJson.Result(woo.SetStock(request.Sku, request.Quantity))));
        control.MapGet("/webhooks", () => WooJson.Result(woo.Subscriptions));
        control.MapPost("/webhooks", (WebhookRequest request) => Guard(() => WooJson.Result(woo.AddWebhook(request.Topic))));
        control.MapPost("/webhooks/{id:int}/status", (int id, StatusRequest request) =>
            Guard(() => WooJson.Result(woo.SetWebhookStatus(id, request.Status))));
        control.MapPost("/webhooks/{id:int}/ping", (int id) => Guard(() =>
        {
            woo.SendPing(id);
            return Results.Accepted();
        }));
        control.MapPost("/duplicates", (ToggleRequest request) =>
        {
            woo.DuplicateUpdates = request.Enabled;
            return Results.Ok(new { duplicateUpdates = woo.DuplicateUpdates });
        });
    }

    public sealed record StatusRequest(string Status);

    public sealed record ProductRequest(string Sku, int Stock, decimal? Price, string? Name, int? ParentId);

    public sealed record StockRequest(string Sku, int Quantity);

    public sealed record WebhookRequest(string Topic);

    public sealed record ToggleRequest(bool Enabled);
}
