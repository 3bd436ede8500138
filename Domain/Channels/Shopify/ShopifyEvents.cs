namespace Ledger.Domain.Channels.Shopify;

/// <summary>Stored event names for what Shopify reports. Explicit and versioned, never CLR names.</summary>
public static class ShopifyEventTypes
{
    public const string OrderCreated = "shopify.order-created.v1";
    public const string OrderPaid = "shopify.order-paid.v1";
    public const string OrderUpdated = "shopify.order-updated.v1";
    public const string OrderEdited = "shopify.order-edited.v1";
    public const string OrderCancelled = "shopify.order-cancelled.v1";
    public const string FulfillmentCreated = "shopify.fulfillment-created.v1";
    public const string FulfillmentUpdated = "shopify.fulfillment-updated.v1";
    public const string InventoryLevelUpdated = "shopify.inventory-level-updated.v1";
}

/// <summary>Shopify sent the whole order (orders/create, paid, updated, cancelled; also orders/edited when it sends the order).</summary>
public sealed record ShopifyOrderReported(string Topic, ChannelOrder Order, string? FulfillmentStatus, string? CancelReason, DateTimeOffset? CancelledAt);

/// <summary>orders/edited as Shopify's <c>order_edit</c> object: lines added and removed after the order was placed.</summary>
public sealed record ShopifyOrderEdited(string OrderId, string EditId, IReadOnlyList<ChannelOrderLine> Added, IReadOnlyList<ShopifyLineRemoval> Removed, DateTimeOffset? CommittedAt);

public sealed record ShopifyLineRemoval(string LineId, int Quantity);

/// <summary>fulfillments/create or fulfillments/update.</summary>
public sealed record ShopifyFulfillmentReported(
    string Topic,
    string OrderId,
    string FulfillmentId,
    string? Status,
    string? ShipmentStatus,
    IReadOnlyList<string> TrackingNumbers,
    string? TrackingCompany,
    IReadOnlyList<ShopifyFulfilledLine> Lines,
    DateTimeOffset? UpdatedAt);

public sealed record ShopifyFulfilledLine(string LineId, string? Sku, int Quantity);

/// <summary>inventory_levels/update: the quantity Shopify now shows for an item at a location.</summary>
public sealed record ShopifyInventoryLevelReported(string InventoryItemId, string LocationId, int? Available, DateTimeOffset? UpdatedAt);
