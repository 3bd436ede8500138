using Ledger.Domain.Shared;

namespace Ledger.Domain.Channels;

/// <summary>
/// A sales channel's order (Shopify, WooCommerce, Linnworks) in one shape, as the channel reported it at
/// one moment. <see cref="Status"/> is the channel's own word; <see cref="IsPaid"/> and
/// <see cref="IsCancelled"/> are what Ledger reads from it.
/// </summary>
public sealed record ChannelOrder(
    string Channel,
    string OrderId,
    string? OrderName,
    string Status,
    bool IsPaid,
    bool IsCancelled,
    IReadOnlyList<ChannelOrderLine> Lines,
    Recipient? ShipTo,
    string? ShippingMethod,
    IReadOnlyList<string> Tags,
    string? Currency,
    decimal? Total,
    DateTimeOffset? UpdatedAt)
{
    /// <summary><c>channel-orderId</c>, e.g. <c>shopify-820982911946154508</c>: the key every view uses for the order.</summary>
    public string OrderKey => OrderKeys.For(Channel, OrderId);
}

/// <summary>One line of a channel order: the channel's SKU, before any mapping to warehouse items.</summary>
public sealed record ChannelOrderLine(string LineId, string Sku, int Quantity, string? Title, decimal? UnitPrice, int? Grams);

public static class OrderKeys
{
    public static string For(string channel, string orderId) => $"{channel}-{orderId}";
}
