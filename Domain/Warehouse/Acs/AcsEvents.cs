namespace Ledger.Domain.Warehouse.Acs;

public static class AcsEventTypes
{
    public const string StockFileImported = "acs.stock-file-imported.v1";
    public const string OrderStatusChanged = "acs.order-status-changed.v1";
    public const string ReturnGraded = "acs.return-graded.v1";
}

/// <summary>
/// ACS's daily stock file, one row per garment tag, summed per SKU and location status. The file itself
/// is kept verbatim as the event's raw body; which statuses count as sellable is a mapping, applied later.
/// </summary>
public sealed record AcsStockFileImported(string FileSha256, string? FileName, int Rows, DateTimeOffset? TakenAt, IReadOnlyList<AcsSkuStock> Skus);

public sealed record AcsSkuStock(string Sku, IReadOnlyDictionary<string, int> TagsByStatus);

/// <summary>An order's status at ACS: Received, Picking, Packed, Despatched, PartDespatched, Cancelled or Rejected.</summary>
public sealed record AcsOrderStatusChanged(string MessageId, string OrderNumber, string Status, string? Reason, IReadOnlyList<AcsOrderLine> Lines, string? TrackingNumber, string? Carrier, DateTimeOffset OccurredAt);

public sealed record AcsOrderLine(string Sku, int Quantity);

/// <summary>A returned garment graded by ACS. Grade BER (Beyond Economic Repair) means written off.</summary>
public sealed record AcsReturnGraded(string MessageId, string TagId, string Sku, string? OrderNumber, string Grade, string? Notes, DateTimeOffset OccurredAt);
