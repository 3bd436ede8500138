using Ledger.Application.Inbound;
using Ledger.Domain.Channels;
using Ledger.Domain.Shared;

namespace Ledger.Application.Connectors.Shopify;

/// <summary>Reads Shopify's REST order representation (also the webhook body) into Ledger's channel order.</summary>
public static class ShopifyOrderReader
{
    public const string Channel = "shopify";

    public static ChannelOrder Read(JsonFields order)
    {
        var id = order.RequiredLong("id").ToString(System.Globalization.CultureInfo.InvariantCulture);
        var financialStatus = order.OptionalString("financial_status") ?? "pending";
        var cancelledAt = order.OptionalTimestamp("cancelled_at");
        var lines = order.Array("line_items").Select(ReadLine).ToList();
        var address = order.OptionalObject("shipping_address");
        var shippingLines = order.Array("shipping_lines", required: false);
        return new ChannelOrder(
            Channel,
            id,
            order.OptionalString("name"),
            cancelledAt is null ? financialStatus : "cancelled",
            IsPaid: financialStatus is "paid" or "partially_refunded",
            IsCancelled: cancelledAt is not null,
            lines,
            address is { } a ? ReadRecipient(a, order) : null,
            shippingLines.Count > 0 ? shippingLines[0].OptionalString("code") ?? shippingLines[0].OptionalString("title") : null,
            Tags(order.OptionalString("tags")),
            order.OptionalString("currency"),
            order.OptionalDecimal("total_price"),
            order.OptionalTimestamp("updated_at"),
            LockerIds.From(order.Array("note_attributes", required: false).Select(a => (a.OptionalString("name"), a.OptionalString("value")))));
    }

    public static ChannelOrderLine ReadLine(JsonFields line) => new(
        line.RequiredLong("id").ToString(System.Globalization.CultureInfo.InvariantCulture),
        line.OptionalString("sku") ?? string.Empty,
        line.RequiredInt("quantity") is var q and >= 0 ? q : throw new InboundValidationException($"{line.Path}.quantity", "A quantity cannot be negative."),
        line.OptionalString("title"),
        line.OptionalDecimal("price"),
        line.OptionalInt("grams"));

    private static Recipient ReadRecipient(JsonFields address, JsonFields order)
    {
        var name = string.Join(' ', new[] { address.OptionalString("first_name"), address.OptionalString("last_name") }.Where(n => !string.IsNullOrWhiteSpace(n)));
        return new Recipient(
            string.IsNullOrEmpty(name) ? address.OptionalString("name") : name,
            address.OptionalString("company"),
            order.OptionalString("email") ?? order.OptionalString("contact_email"),
            address.OptionalString("phone") ?? order.OptionalString("phone"),
            address.OptionalString("address1"),
            address.OptionalString("address2"),
            address.OptionalString("city"),
            address.OptionalString("province_code") ?? address.OptionalString("province"),
            address.OptionalString("zip"),
            address.OptionalString("country_code"));
    }

    private static string[] Tags(string? tags) =>
        string.IsNullOrWhiteSpace(tags) ? [] : tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
