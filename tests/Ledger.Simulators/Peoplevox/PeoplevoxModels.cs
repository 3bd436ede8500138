using System.Globalization;

namespace Ledger.Simulators.Peoplevox;

/// <summary>
/// Sales order statuses. Peoplevox does not publish its status names; these are inferred and are what
/// the simulator puts in <c>Status</c> columns and the <c>{SalesOrderStatu.Name}</c> placeholder.
/// </summary>
public enum PeoplevoxSalesOrderStatus
{
    New,
    Picking,
    Packed,
    PartDespatched,
    Despatched,
    Cancelled,
}

/// <summary>The event types <c>SubscribeEvent</c> accepts.</summary>
public static class PeoplevoxEventTypes
{
    public const string AvailabilityChanges = "AvailabilityChanges";
    public const string SalesOrderStatusChanges = "SalesOrderStatusChanges";
    public const string GoodsReceived = "GoodsReceived";
    public const string TrackingNumberReceived = "TrackingNumberReceived";
    public const string IncrementalChanges = "IncrementalChanges";
    public const string Returns = "Returns";
    public const string DespatchPackageTrackingNumberReceived = "DespatchPackageTrackingNumberReceived";
    public const string OnDespatchOrderReceived = "OnDespatchOrderReceived";
    public const string DespatchPackageDespatched = "DespatchPackageDespatched";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        AvailabilityChanges, SalesOrderStatusChanges, GoodsReceived, TrackingNumberReceived, IncrementalChanges, Returns,
        DespatchPackageTrackingNumberReceived, OnDespatchOrderReceived, DespatchPackageDespatched,
    };
}

/// <summary>An item type: the template's columns as saved, keyed case-insensitively.</summary>
public sealed record PeoplevoxItemType(IReadOnlyDictionary<string, string> Fields)
{
    public string ItemCode => Field("ItemCode");

    public string Name => Field("Name");

    public string Barcode => Field("Barcode");

    public string Field(string name) => Fields.TryGetValue(name, out var value) ? value : "";

    /// <summary>Builds an item type for seeding; extra columns (Weight, Height, Width, Depth, measures…) go in <paramref name="more"/>.</summary>
    public static PeoplevoxItemType Create(
        string itemCode, string name, string barcode = "", IReadOnlyDictionary<string, string>? more = null)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["ItemCode"] = itemCode,
            ["Name"] = name,
            ["Barcode"] = barcode,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            fields[key] = value;
        }

        return new PeoplevoxItemType(fields);
    }
}

public sealed record PeoplevoxSalesOrderLine(
    int Line,
    string ItemCode,
    int QuantityOrdered,
    int QuantityDespatched,
    IReadOnlyDictionary<string, string> Fields)
{
    public int QuantityOutstanding => QuantityOrdered - QuantityDespatched;
}

/// <summary>A sales order: header columns as saved, plus the status and lines the simulator tracks.</summary>
public sealed record PeoplevoxSalesOrder(
    IReadOnlyDictionary<string, string> Fields,
    PeoplevoxSalesOrderStatus Status,
    IReadOnlyList<PeoplevoxSalesOrderLine> Lines,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastModificationTime)
{
    public string SalesOrderNumber => Field("SalesOrderNumber");

    public string Email => Field("Email");

    public string Field(string name) => Fields.TryGetValue(name, out var value) ? value : "";
}

public sealed record PeoplevoxDespatchLine(string ItemCode, int Quantity);

public sealed record PeoplevoxDespatch(
    string DespatchNumber,
    string SalesOrderNumber,
    string TrackingNumber,
    string Carrier,
    string Service,
    DateTimeOffset DespatchDate,
    IReadOnlyList<PeoplevoxDespatchLine> Lines);

/// <summary>Stock of one item; <see cref="Available"/> is what <c>AvailabilityChanges</c> pushes.</summary>
public sealed record PeoplevoxAvailability(string ItemCode, int OnHand, int Allocated, int OnOrder)
{
    public int Available => OnHand - Allocated;
}

/// <summary>How a despatch is made: all fields optional (a tracking number is generated when absent).</summary>
public sealed record PeoplevoxDespatchDetails(string? TrackingNumber = null, string? Carrier = null, string? Service = null);

/// <summary>
/// A callback subscription. <see cref="Url"/> is a template with <c>{Placeholder}</c> tokens; a relative URL
/// is resolved against Ledger's base URL. <see cref="PostParams"/> non-null makes it a SubscribePostEvent.
/// </summary>
public sealed record PeoplevoxSubscription(
    int Id,
    string EventType,
    string Url,
    string Filter = "",
    string? PostParams = null,
    bool? EncodeParameterData = null)
{
    public bool IsPost => PostParams is not null;
}

/// <summary>A subscription configured before start-up (same meaning as <see cref="PeoplevoxSubscription"/>, no id yet).</summary>
public sealed record PeoplevoxSubscriptionOptions(
    string EventType,
    string Url,
    string Filter = "",
    string? PostParams = null,
    bool? EncodeParameterData = null)
{
    /// <summary>The subscriptions Ledger would register, pointing at its Peoplevox webhook endpoints.</summary>
    public static IReadOnlyList<PeoplevoxSubscriptionOptions> LedgerDefaults(string token) =>
    [
        new(PeoplevoxEventTypes.SalesOrderStatusChanges,
            $"/webhooks/peoplevox/SalesOrderStatusChanges?token={token}&SalesOrderNumber={{SalesOrderNumber}}&Status={{SalesOrderStatu.Name}}&LastModificationTime={{LastModificationTime}}"),
        new(PeoplevoxEventTypes.TrackingNumberReceived,
            $"/webhooks/peoplevox/TrackingNumberReceived?token={token}&SalesOrderNumber={{Picks.SalesOrder.SalesOrderNumber}}&DespatchNumber={{DespatchNumber}}&TrackingNumber={{TrackingNumber}}&Carrier={{Carrier.Name}}&ServiceType={{ServiceType.Name}}"),
        new(PeoplevoxEventTypes.AvailabilityChanges,
            $"/webhooks/peoplevox/AvailabilityChanges?token={token}&ItemCode={{ItemCode}}&Available={{Available}}"),
        new(PeoplevoxEventTypes.GoodsReceived,
            $"/webhooks/peoplevox/GoodsReceived?token={token}&GoodsInId={{GoodsInId}}&Reference={{Reference}}&ItemCode={{Consignments.ConsignmentItemTypes.ItemType.ItemCode}}&Quantity={{Consignments.ConsignmentItemTypes.Quantity}}&ReconciledDateTime={{ReconciledDateTime}}"),
        new(PeoplevoxEventTypes.Returns,
            $"/webhooks/peoplevox/Returns?token={token}&SalesOrderNumber={{SalesOrderNumber}}&ItemCode={{ItemCode}}&Quantity={{Quantity}}&Reason={{Reason}}"),
    ];
}

internal static class PeoplevoxFormat
{
    /// <summary>Timestamps in data columns and callbacks: ISO 8601 UTC (the real format is not public).</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Report dates are UK day-first, as integrators' exports show them.</summary>
    public static string ReportDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
