using System.Globalization;
using Ledger.Application.Inbound;
using Ledger.Domain.Channels;
using Ledger.Domain.Shared;

namespace Ledger.Application.Connectors.WooCommerce;

/// <summary>Reads WooCommerce's REST v3 order (also the webhook body) into Ledger's channel order.</summary>
public static class WooCommerceOrderReader
{
    public const string Channel = "woocommerce";

    public static ChannelOrder Read(JsonFields order)
    {
        var id = order.RequiredLong("id").ToString(CultureInfo.InvariantCulture);
        var status = order.OptionalString("status") ?? "pending";
        var shipping = order.OptionalObject("shipping");
        var billing = order.OptionalObject("billing");
        var shippingLines = order.Array("shipping_lines", required: false);
        var lines = order.Array("line_items", required: false).Select(l => new ChannelOrderLine(
            l.RequiredLong("id").ToString(CultureInfo.InvariantCulture),
            l.OptionalString("sku") ?? string.Empty,
            l.RequiredInt("quantity") is var q and >= 0 ? q : throw new InboundValidationException($"{l.Path}.quantity", "A quantity cannot be negative."),
            l.OptionalString("name"),
            l.OptionalDecimal("price"),
            null)).ToList();
        return new ChannelOrder(
            Channel,
            id,
            order.OptionalString("number"),
            status,
            IsPaid: status is "processing" or "completed",
            IsCancelled: status is "cancelled" or "refunded" or "failed" or "trash",
            lines,
            shipping is { } s ? ReadRecipient(s, billing) : null,
            shippingLines.Count > 0 ? shippingLines[0].OptionalString("method_id") ?? shippingLines[0].OptionalString("method_title") : null,
            [],
            order.OptionalString("currency"),
            order.OptionalDecimal("total"),
            ModifiedAt(order),
            LockerIds.From(order.Array("meta_data", required: false).Select(m => (m.OptionalString("key"), m.Has("value") && m.Element.GetProperty("value").ValueKind is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number ? m.OptionalString("value") : null))));
    }

    /// <summary>The <c>_gmt</c> field is UTC without an offset; the plain one is the site's local time.</summary>
    public static DateTimeOffset? ModifiedAt(JsonFields resource) =>
        resource.OptionalTimestamp("date_modified_gmt") ?? resource.OptionalTimestamp("date_modified");

    private static Recipient ReadRecipient(JsonFields shipping, JsonFields? billing)
    {
        var name = string.Join(' ', new[] { shipping.OptionalString("first_name"), shipping.OptionalString("last_name") }.Where(n => !string.IsNullOrWhiteSpace(n)));
        return new Recipient(
            name.Length == 0 ? null : name,
            shipping.OptionalString("company"),
            billing?.OptionalString("email"),
            // Older WooCommerce has no shipping phone; the billing phone is the customer's number then.
            shipping.OptionalString("phone") is { Length: > 0 } phone ? phone : billing?.OptionalString("phone"),
            shipping.OptionalString("address_1"),
            shipping.OptionalString("address_2"),
            shipping.OptionalString("city"),
            shipping.OptionalString("state"),
            shipping.OptionalString("postcode"),
            shipping.OptionalString("country"));
    }
}
