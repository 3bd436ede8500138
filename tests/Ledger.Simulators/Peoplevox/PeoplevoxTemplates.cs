namespace Ledger.Simulators.Peoplevox;

/// <summary>
/// Integration templates with Peoplevox's default field names (the ones integrators use), and the two
/// reports Ledger reads. Real accounts can rename fields; the simulator keeps the defaults.
/// </summary>
internal static class PeoplevoxTemplates
{
    public const string ItemTypes = "Item types";
    public const string SalesOrders = "Sales orders";
    public const string SalesOrderItems = "Sales order items";
    public const string Despatches = "Despatches";
    public const string DespatchSummaryReport = "Despatch summary";
    public const string AvailabilityReport = "Item availability latest reconciliation";

    public static readonly IReadOnlyList<string> ItemTypeFields =
    [
        "ItemCode", "Name", "Barcode", "ItemGroup", "Description", "UnitOfMeasure", "ReorderPoint", "Traceability",
        "HasSerialNumbers", "BuyPrice", "WholesalePrice", "RetailPrice", "Weight", "WeightMeasure", "Height", "Width", "Depth",
        "DimensionMeasure", "Tags", "Attribute1", "Attribute2", "Attribute3", "TaxCode", "DefaultLeadTime",
        "DefaultSuppliersPartNumber",
    ];

    public static readonly IReadOnlyList<string> SalesOrderFields =
    [
        "SalesOrderNumber", "Customer", "CustomerPurchaseOrderReferenceNumber", "ContactName", "Email", "PhoneNumber",
        "ShippingAddressLine1", "ShippingAddressLine2", "ShippingAddressCity", "ShippingAddressRegion",
        "ShippingAddressPostcode", "ShippingAddressCountry", "InvoiceAddressLine1", "InvoiceAddressLine2",
        "InvoiceAddressCity", "InvoiceAddressRegion", "InvoiceAddressPostcode", "InvoiceAddressCountry",
        "IsPartialShipment", "Status", "RequestedDeliveryDate", "ShippingCost", "TotalSale", "Discount", "TaxPaid",
        "CreatedDate", "PaymentMethod", "ServiceType", "ChannelName", "Attribute1", "Attribute2", "Attribute3",
    ];

    public static readonly IReadOnlyList<string> SalesOrderItemFields =
    [
        "SalesOrderNumber", "ItemCode", "QuantityOrdered", "RequestedDeliveryDate", "Line", "Sequence", "SalePrice",
    ];

    /// <summary>Extra read-only columns GetData adds to saved templates.</summary>
    public static readonly IReadOnlyList<string> SalesOrderReadOnlyFields = ["LastModificationTime"];

    public static readonly IReadOnlyList<string> SalesOrderItemReadOnlyFields = ["QuantityDespatched"];

    public static readonly IReadOnlyList<string> DespatchFields =
    [
        "DespatchNumber", "SalesOrderNumber", "TrackingNumber", "Carrier", "ServiceType", "DespatchDate", "NoOfItems",
    ];

    public static readonly IReadOnlyList<string> DespatchSummaryColumns =
    [
        "Salesorder number", "Requested delivery date", "Despatch number", "Carrier", "Service", "Despatch date",
        "Tracking number", "Item code", "Item name", "No of items", "Destination country", "Site reference", "Email",
        "Channel name",
    ];

    public static readonly IReadOnlyList<string> AvailabilityColumns =
    [
        "Item code", "Name", "Barcode", "On hand", "Allocated", "On order", "Available",
    ];

    /// <summary>The columns a template can be saved with, or null when it is not a save template.</summary>
    public static IReadOnlyList<string>? SaveFields(string template) => Normalise(template) switch
    {
        ItemTypes => ItemTypeFields,
        SalesOrders => SalesOrderFields,
        SalesOrderItems => SalesOrderItemFields,
        _ => null,
    };

    /// <summary>Matches template names case-insensitively (clients write "Despatch Summary" too).</summary>
    public static string Normalise(string? template)
    {
        string[] known = [ItemTypes, SalesOrders, SalesOrderItems, Despatches, DespatchSummaryReport, AvailabilityReport];
        var trimmed = template?.Trim() ?? "";
        return known.FirstOrDefault(k => string.Equals(k, trimmed, StringComparison.OrdinalIgnoreCase)) ?? trimmed;
    }
}
