using System.Globalization;
using System.Text.Json;
using Ledger.Application.Inbound;
using Ledger.Domain.Channels;
using Ledger.Domain.Channels.Linnworks;
using Ledger.Domain.Shared;

namespace Ledger.Application.Connectors.Linnworks;

/// <summary>
/// Reads Linnworks' order JSON (an open order of <c>Orders/GetOpenOrders</c> or the detail of
/// <c>Orders/GetOrdersById</c>, PascalCase) into Ledger's channel order, and a processed-orders search row
/// into <see cref="LinnworksOrderProcessed"/>.
/// </summary>
public static class LinnworksOrderReader
{
    public const string Channel = "linnworks";

    // GeneralInfo.Status on the wire is the enum's number.
    private static readonly string[] StatusNames = ["UNPAID", "PAID", "RETURN", "PENDING", "RESEND"];

    // Linnworks writes country names; the common ones become ISO codes, anything else is kept as written.
    private static readonly Dictionary<string, string> CountryCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["United Kingdom"] = "GB", ["UK"] = "GB", ["Great Britain"] = "GB", ["England"] = "GB", ["Scotland"] = "GB",
        ["Wales"] = "GB", ["Northern Ireland"] = "GB", ["Ireland"] = "IE", ["France"] = "FR", ["Germany"] = "DE",
        ["Poland"] = "PL", ["Netherlands"] = "NL", ["Spain"] = "ES", ["Italy"] = "IT", ["United States"] = "US",
    };

    /// <summary>
    /// <paramref name="inOpenBook"/>: read from the open book. Linnworks has one flag, <c>HoldOrCancel</c>, for
    /// both "on hold" and "cancelled"; an open order carrying it is only held, one that left the open book
    /// with it is cancelled.
    /// </summary>
    public static ChannelOrder Read(JsonFields order, bool inOpenBook = true)
    {
        var id = OrderId(order, "OrderId", "pkOrderId", "pkOrderID");
        var general = order.RequiredObject("GeneralInfo");
        var status = StatusName(general);
        var held = general.OptionalBoolean("HoldOrCancel") ?? false;
        var shipping = order.OptionalObject("ShippingInfo");
        var customer = order.OptionalObject("CustomerInfo");
        var totals = order.OptionalObject("TotalsInfo");
        var lines = order.Array("Items", required: false).Select(ReadLine).ToList();
        return new ChannelOrder(
            Channel,
            id,
            Text(order.OptionalString("NumOrderId")),
            status,
            IsPaid: status == "PAID",
            IsCancelled: held && !inOpenBook,
            lines,
            customer is { } c ? ReadRecipient(c) : null,
            Text(shipping?.OptionalString("PostalServiceName")),
            Folders(order),
            Text(totals?.OptionalString("Currency")),
            totals?.OptionalDecimal("TotalCharge"),
            // Linnworks keeps no modification time; leaving it out keeps the content hash a function of content only.
            UpdatedAt: null,
            LockerId: LockerIds.From(order.Array("ExtendedProperties", required: false).Select(p => (p.OptionalString("Name") ?? p.OptionalString("PropertyName"), p.OptionalString("Value") ?? p.OptionalString("PropertyValue")))));
    }

    /// <summary>A <c>ProcessedOrderWeb</c> row of <c>ProcessedOrders/SearchProcessedOrdersPaged</c>.</summary>
    public static LinnworksOrderProcessed ReadProcessed(JsonFields row) => new(
        OrderId(row, "pkOrderID", "pkOrderId", "OrderId"),
        Text(row.OptionalString("nOrderId")),
        ProcessedAt(row),
        Text(row.OptionalString("PostalTrackingNumber")),
        Text(row.OptionalString("PostalServiceName")),
        Text(row.OptionalString("Vendor")));

    /// <summary>When the row's order was processed; Linnworks writes <c>DateTime.MinValue</c> for "never".</summary>
    public static DateTimeOffset? ProcessedAt(JsonFields row) => Date(row, "dProcessedOn");

    public static DateTimeOffset? CancelledAt(JsonFields row) => Date(row, "dCancelledOn");

    private static DateTimeOffset? Date(JsonFields row, string name) =>
        row.OptionalTimestamp(name) is { Year: > 1 } date ? date : null;

    private static string OrderId(JsonFields order, params string[] names)
    {
        foreach (var name in names)
        {
            if (order.OptionalString(name) is { Length: > 0 } text)
            {
                return Guid.TryParse(text, out var id)
                    ? id.ToString("D", CultureInfo.InvariantCulture)
                    : throw new InboundValidationException(order.Path.Length == 0 ? name : $"{order.Path}.{name}", $"'{name}' must be a GUID.");
            }
        }

        throw new InboundValidationException(order.Path.Length == 0 ? names[0] : $"{order.Path}.{names[0]}", $"'{names[0]}' is required.");
    }

    private static string StatusName(JsonFields general)
    {
        var raw = general.OptionalString("Status");
        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number >= 0 && number < StatusNames.Length
                ? StatusNames[number]
                : throw new InboundValidationException($"{general.Path}.Status", $"Status {number} is not one Linnworks defines (0 UNPAID to 4 RESEND).");
        }

        return Text(raw)?.ToUpperInvariant() ?? throw new InboundValidationException($"{general.Path}.Status", "'Status' is required.");
    }

    private static ChannelOrderLine ReadLine(JsonFields item)
    {
        var sku = Text(item.OptionalString("SKU")) ?? Text(item.OptionalString("ChannelSKU")) ?? string.Empty;
        var quantity = item.RequiredInt("Quantity");
        if (quantity < 0)
        {
            throw new InboundValidationException($"{item.Path}.Quantity", "A quantity cannot be negative.");
        }

        return new ChannelOrderLine(
            Text(item.OptionalString("RowId")) ?? Text(item.OptionalString("ItemId")) ?? sku,
            sku,
            quantity,
            Text(item.OptionalString("Title")),
            item.OptionalDecimal("PricePerUnit"),
            null);
    }

    private static Recipient ReadRecipient(JsonFields customer)
    {
        var address = customer.OptionalObject("Address");
        var country = Text(address?.OptionalString("CountryCode")) ?? Text(address?.OptionalString("Country"));
        var line2 = string.Join(", ", new[] { address?.OptionalString("Address2"), address?.OptionalString("Address3") }
            .Select(Text).OfType<string>());
        return new Recipient(
            Text(address?.OptionalString("FullName")) ?? Text(customer.OptionalString("ChannelBuyerName")),
            Text(address?.OptionalString("Company")),
            Text(address?.OptionalString("EmailAddress")),
            Text(address?.OptionalString("PhoneNumber")),
            Text(address?.OptionalString("Address1")),
            line2.Length == 0 ? null : line2,
            Text(address?.OptionalString("Town")),
            Text(address?.OptionalString("Region")),
            Text(address?.OptionalString("PostCode")),
            country is null ? null : CountryCodes.GetValueOrDefault(country, country));
    }

    private static List<string> Folders(JsonFields order)
    {
        if (!order.Element.TryGetProperty("FolderName", out var folders) || folders.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return folders.EnumerateArray()
            .Where(f => f.ValueKind == JsonValueKind.String)
            .Select(f => Text(JsonFields.TextOf(f, $"{order.Path}.FolderName")))
            .OfType<string>()
            .ToList();
    }

    // Linnworks sends "" for every blank field.
    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
