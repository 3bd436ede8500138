namespace Ledger.Domain.Warehouse.Peoplevox;

public static class PeoplevoxEventTypes
{
    public const string SalesOrderStatusChanged = "peoplevox.salesorder-status-changed.v1";
    public const string AvailabilityChanged = "peoplevox.availability-changed.v1";
    public const string TrackingNumberReceived = "peoplevox.tracking-number-received.v1";
    public const string GoodsReceived = "peoplevox.goods-received.v1";
    public const string ReturnReceived = "peoplevox.return-received.v1";

    /// <summary>A despatch found in the Despatch summary report by Ledger's fallback poll, for when a callback was lost.</summary>
    public const string DespatchReported = "peoplevox.despatch-reported.v1";
}

/// <summary>SalesOrderStatusChanges. Status names are Peoplevox's own (not published; see docs/connectors.md).</summary>
public sealed record PeoplevoxSalesOrderStatusChanged(string SalesOrderNumber, string Status, DateTimeOffset? LastModificationTime);

/// <summary>AvailabilityChanges: the item's available quantity in the warehouse now.</summary>
public sealed record PeoplevoxAvailabilityChanged(string ItemCode, int Available);

/// <summary>TrackingNumberReceived: a despatch of the sales order got a tracking number.</summary>
public sealed record PeoplevoxTrackingNumberReceived(string SalesOrderNumber, string DespatchNumber, string TrackingNumber, string? Carrier, string? ServiceType);

/// <summary>GoodsReceived: stock booked in against a goods-in.</summary>
public sealed record PeoplevoxGoodsReceived(string GoodsInId, string? Reference, string? ItemCode, int? Quantity, DateTimeOffset? ReconciledAt);

/// <summary>Returns: a returned item booked in against its sales order.</summary>
public sealed record PeoplevoxReturnReceived(string SalesOrderNumber, string ItemCode, int Quantity, string? Reason, DateTimeOffset? ReturnedAt);

/// <summary>A row of the Despatch summary report.</summary>
public sealed record PeoplevoxDespatchReported(string SalesOrderNumber, string DespatchNumber, string? TrackingNumber, string? Carrier, string? Service, DateTimeOffset? DespatchedAt, IReadOnlyList<PeoplevoxDespatchedItem> Items);

public sealed record PeoplevoxDespatchedItem(string ItemCode, int Quantity);
