using Ledger.Simulators.Hosting;
using Ledger.Simulators.Webhooks;

namespace Ledger.Simulators.Shopify;

/// <summary>
/// A Shopify shop: REST Admin API under <c>/shopify/admin/api/{version}</c>, signed webhooks to Ledger,
/// and a C# API (mirrored under <c>/_control/shopify</c>) for what customers and merchants do.
/// </summary>
public sealed class ShopifySimulator : SimulatedSystem
{
    private readonly ShopifyWebhookPublisher _publisher;

    public ShopifySimulator(SimulatorContext context)
        : base("shopify", context, WebhookRetryPolicy.Exponential(
            context.Settings.Shopify.WebhookRetries,
            context.Settings.Shopify.FirstRetryDelay,
            context.Settings.Shopify.WebhookTimeout))
    {
        Store = new ShopifyStore(Options, Clock);
        Bucket = new ShopifyLeakyBucket(
            Options.BucketSize, Options.LeakPerSecond / Math.Max(Settings.TimeScale, 1e-6), Clock);
        _publisher = new ShopifyWebhookPublisher(Webhooks, Settings);
        DeliverOutOfOrder = Options.DeliverOutOfOrder;
    }

    public ShopifyOptions Options => Settings.Shopify;

    /// <summary>When true, <c>orders/create</c> is delivered late, after <c>orders/paid</c> and friends.</summary>
    public bool DeliverOutOfOrder { get; set; }

    public ShopifyLeakyBucket Bucket { get; }

    public IReadOnlyList<ShopifyLocation> Locations => Options.Locations;

    public IReadOnlyList<ShopifyOrder> Orders => Store.Orders;

    internal ShopifyStore Store { get; }

    internal ShopifyIdempotency Idempotency { get; } = new();

    public ShopifyOrder? GetOrder(long orderId) => Store.FindOrder(orderId);

    public IReadOnlyList<ShopifyFulfillmentOrder> FulfillmentOrdersOf(long orderId) =>
        Store.FulfillmentOrdersOf(orderId) ?? throw new KeyNotFoundException($"Order {orderId} not found.");

    public ShopifyVariant Variant(string sku) => Store.EnsureVariant(sku);

    public int? Available(string sku, long? locationId = null)
    {
        var variant = Store.FindVariant(sku);
        if (variant is null)
        {
            return null;
        }

        return Store.InventoryLevels(new HashSet<long> { variant.InventoryItemId }, new HashSet<long> { locationId ?? Locations[0].Id })
            .SingleOrDefault()?.Available;
    }

    /// <summary>A customer checks out; sends <c>orders/create</c> (and <c>orders/paid</c> when paid).</summary>
    public ShopifyOrder PlaceOrder(ShopifyOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var order = Store.PlaceOrder(request, out var stockChanges);
        var eventId = ShopifyWebhookPublisher.NewEventId();
        _publisher.Publish(eventId, "orders/create", order, DeliverOutOfOrder ? Options.OutOfOrderDelay : TimeSpan.Zero);
        if (request.Paid)
        {
            _publisher.Publish(eventId, "orders/paid", order);
        }

        foreach (var level in stockChanges)
        {
            _publisher.Publish(eventId, "inventory_levels/update", level);
        }

        return order;
    }

    /// <summary>Payment captured: <c>orders/paid</c> then <c>orders/updated</c>.</summary>
    public ShopifyOrder MarkPaid(long orderId)
    {
        var order = Store.MarkPaid(orderId);
        var eventId = ShopifyWebhookPublisher.NewEventId();
        _publisher.Publish(eventId, "orders/paid", order);
        _publisher.Publish(eventId, "orders/updated", order);
        return order;
    }

    /// <summary>Merchant cancels (reason <c>customer|fraud|inventory|declined|other</c>): <c>orders/cancelled</c>.</summary>
    public ShopifyOrder CancelOrder(long orderId, string reason = "customer")
    {
        var order = Store.Cancel(orderId, reason);
        _publisher.Publish(ShopifyWebhookPublisher.NewEventId(), "orders/cancelled", order);
        return order;
    }

    /// <summary>Merchant edits lines: <c>orders/edited</c> then <c>orders/updated</c>.</summary>
    public ShopifyOrder EditOrder(long orderId, IReadOnlyList<ShopifyLineChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var (order, edit) = Store.Edit(orderId, changes);
        var eventId = ShopifyWebhookPublisher.NewEventId();
        _publisher.Publish(eventId, "orders/edited", new { order_edit = edit });
        _publisher.Publish(eventId, "orders/updated", order);
        return order;
    }

    /// <summary>Merchant changes the shipping address: <c>orders/updated</c>.</summary>
    public ShopifyOrder ChangeShippingAddress(long orderId, ShopifyAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var order = Store.ChangeShippingAddress(orderId, address);
        _publisher.Publish(ShopifyWebhookPublisher.NewEventId(), "orders/updated", order);
        return order;
    }

    /// <summary>Merchant sets stock in Admin: <c>inventory_levels/update</c>.</summary>
    public ShopifyInventoryLevel SetInventory(string sku, int available, long? locationId = null)
    {
        var variant = Store.EnsureVariant(sku);
        var level = Store.SetInventory(variant.InventoryItemId, locationId ?? Locations[0].Id, available);
        _publisher.Publish(ShopifyWebhookPublisher.NewEventId(), "inventory_levels/update", level);
        return level;
    }

    public override Task WriteRejectionAsync(HttpContext context, string? message) =>
        ShopifyJson.Error(StatusCodes.Status422UnprocessableEntity, new List<string> { message ?? "Unprocessable Entity" })
            .ExecuteAsync(context);

    public override void Map(IEndpointRouteBuilder app)
    {
        ShopifyWireApi.Map(app, this);
        ShopifyControlApi.Map(app, this);
    }

    /// <summary>Fulfilment made through the wire API: <c>fulfillments/create</c> then <c>orders/updated</c>.</summary>
    internal void PublishFulfilment(ShopifyFulfillment fulfillment, ShopifyOrder order)
    {
        var eventId = ShopifyWebhookPublisher.NewEventId();
        _publisher.Publish(eventId, "fulfillments/create", fulfillment);
        _publisher.Publish(eventId, "orders/updated", order);
    }

    internal void PublishInventory(ShopifyInventoryLevel level) =>
        _publisher.Publish(ShopifyWebhookPublisher.NewEventId(), "inventory_levels/update", level);
}
