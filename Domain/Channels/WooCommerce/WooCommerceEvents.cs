namespace Ledger.Domain.Channels.WooCommerce;

public static class WooCommerceEventTypes
{
    public const string OrderCreated = "woocommerce.order-created.v1";
    public const string OrderUpdated = "woocommerce.order-updated.v1";
    public const string OrderDeleted = "woocommerce.order-deleted.v1";
    public const string OrderRestored = "woocommerce.order-restored.v1";
    public const string ProductUpdated = "woocommerce.product-updated.v1";

    /// <summary>Found by Ledger's reconciliation poll rather than delivered by a webhook.</summary>
    public const string OrderReconciled = "woocommerce.order-reconciled.v1";
}

/// <summary>
/// WooCommerce sent (or Ledger fetched) the order as it stood at delivery time: WooCommerce builds the
/// payload when it sends, not when the change happened.
/// </summary>
public sealed record WooCommerceOrderReported(string Topic, ChannelOrder Order, DateTimeOffset? DateModified);

/// <summary>order.deleted carries only the id.</summary>
public sealed record WooCommerceOrderDeleted(string OrderId);

public sealed record WooCommerceProductReported(string ProductId, string? Sku, int? StockQuantity, string? StockStatus, bool? ManageStock, DateTimeOffset? DateModified);
