using Ledger.Domain.Shared;

namespace Ledger.Domain.Channels;

/// <summary>
/// A sales channel's order (Shopify, WooCommerce, Linnworks) in one shape, as the channel reported it at
/// one moment. <see cref="Status"/> is the channel's own word; <see cref="IsPaid"/> and
/// <see cref="IsCancelled"/> are what Ledger reads from it. <see cref="LockerId"/> is the InPost locker
/// point the customer chose, when the channel carries one.
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
    DateTimeOffset? UpdatedAt,
    string? LockerId = null)
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

/// <summary>
/// Where channels keep the chosen locker: Shopify in a note attribute, WooCommerce in order meta, Linnworks
/// in an extended property. The names are those locker-picker plugins commonly use (see docs/connectors.md).
/// </summary>
public static class LockerIds
{
    private static readonly string[] Names = ["inpost_locker_id", "_inpost_locker_id", "inpostlockerid", "locker_id", "_locker_id", "paczkomat", "_paczkomat_id", "inpost_point"];

    public static string? From(IEnumerable<(string? Name, string? Value)> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        foreach (var (name, value) in attributes)
        {
            if (name is not null && !string.IsNullOrWhiteSpace(value)
                && Names.Contains(name.Trim().Replace(" ", "_", StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase))
            {
                return value.Trim();
            }
        }

        return null;
    }
}
