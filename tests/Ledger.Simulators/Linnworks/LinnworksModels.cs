namespace Ledger.Simulators.Linnworks;

/// <summary>Linnworks <c>GeneralInfo.Status</c>; the numbers are the wire values.</summary>
public enum LinnworksOrderStatus
{
    Unpaid = 0,
    Paid = 1,
    Return = 2,
    Pending = 3,
    Resend = 4,
}

public sealed record LinnworksAddress
{
    public required string FullName { get; init; }

    public string Company { get; init; } = "";

    public required string Address1 { get; init; }

    public string Address2 { get; init; } = "";

    public string Address3 { get; init; } = "";

    public required string Town { get; init; }

    public string Region { get; init; } = "";

    public required string PostCode { get; init; }

    public string Country { get; init; } = "United Kingdom";

    public string EmailAddress { get; init; } = "";

    public string PhoneNumber { get; init; } = "";
}

/// <summary>A line of an order to add to the open book (what a channel integration would import).</summary>
public sealed record LinnworksNewOrderItem
{
    public required string Sku { get; init; }

    public required int Quantity { get; init; }

    /// <summary>The channel's own SKU; defaults to <see cref="Sku"/>.</summary>
    public string? ChannelSku { get; init; }

    public string? Title { get; init; }

    public decimal PricePerUnit { get; init; }
}

/// <summary>An order to add to the open book, as if a channel had downloaded it.</summary>
public sealed record LinnworksNewOrder
{
    /// <summary>The channel's order reference, e.g. <c>#1001</c>.</summary>
    public required string ReferenceNum { get; init; }

    public required LinnworksAddress Address { get; init; }

    public required IReadOnlyList<LinnworksNewOrderItem> Items { get; init; }

    /// <summary>PAID (true) or UNPAID (false).</summary>
    public bool Paid { get; init; } = true;

    /// <summary>Must match a postal service's name to pick up its id and tracking rule.</summary>
    public string PostalServiceName { get; init; } = LinnworksPostalService.RoyalMailTracked48.Name;

    public string Source { get; init; } = "DIRECT";

    public string SubSource { get; init; } = "Ledger demo";

    public string SecondaryReference { get; init; } = "";

    public string ExternalReferenceNum { get; init; } = "";

    public string Currency { get; init; } = "GBP";

    public decimal PostageCost { get; init; }

    /// <summary>Fixed id for tests; a new GUID when null.</summary>
    public Guid? OrderId { get; init; }
}

public sealed record LinnworksOrderItem(
    Guid RowId,
    Guid StockItemId,
    string Sku,
    string ChannelSku,
    string Title,
    int Quantity,
    decimal PricePerUnit);

/// <summary>
/// An order as the simulator holds it. Open orders have <see cref="Processed"/> false; processing or
/// cancelling moves an order to the processed book (cancelled ones keep <see cref="HoldOrCancel"/>).
/// </summary>
public sealed record LinnworksOrder
{
    public required Guid OrderId { get; init; }

    public required int NumOrderId { get; init; }

    public required string ReferenceNum { get; init; }

    public required string SecondaryReference { get; init; }

    public required string ExternalReferenceNum { get; init; }

    public required string Source { get; init; }

    public required string SubSource { get; init; }

    public required LinnworksOrderStatus Status { get; init; }

    public required DateTimeOffset ReceivedDate { get; init; }

    public DateTimeOffset? PaidDateTime { get; init; }

    public required LinnworksAddress Address { get; init; }

    public required IReadOnlyList<LinnworksOrderItem> Items { get; init; }

    public required Guid PostalServiceId { get; init; }

    public required string PostalServiceName { get; init; }

    public required string Vendor { get; init; }

    public string TrackingNumber { get; init; } = "";

    public decimal TotalWeight { get; init; }

    public required decimal PostageCost { get; init; }

    public required string Currency { get; init; }

    public bool Processed { get; init; }

    public DateTimeOffset? ProcessedDateTime { get; init; }

    public bool HoldOrCancel { get; init; }

    public DateTimeOffset? CancelledDateTime { get; init; }

    public string? CancelNote { get; init; }

    public decimal Subtotal => Items.Sum(i => i.PricePerUnit * i.Quantity);

    public bool IsOpen => !Processed && !HoldOrCancel;
}

/// <summary>A postal service as <c>GetPostalServices</c> lists it.</summary>
public sealed record LinnworksPostalService(
    Guid Id,
    string Name,
    string Tag,
    string Code,
    string Vendor,
    bool TrackingNumberRequired)
{
    public static readonly LinnworksPostalService RoyalMailTracked48 = new(
        Guid.Parse("a1b2c3d4-0001-4000-8000-000000000048"), "Royal Mail Tracked 48", "RM48", "TPS48", "RoyalMail", true);

    public static readonly LinnworksPostalService RoyalMailTracked24 = new(
        Guid.Parse("a1b2c3d4-0001-4000-8000-000000000024"), "Royal Mail Tracked 24", "RM24", "TPN24", "RoyalMail", true);

    public static readonly LinnworksPostalService InPostLocker = new(
        Guid.Parse("a1b2c3d4-0002-4000-8000-000000000001"), "InPost Locker 48", "INPOST-LOCKER", "INPOST48", "InPost", true);

    /// <summary>An untracked service, so ProcessOrder succeeds without a tracking number.</summary>
    public static readonly LinnworksPostalService Standard = new(
        Guid.Parse("a1b2c3d4-0003-4000-8000-000000000001"), "Standard", "STD", "STD", "Default", false);

    public static IReadOnlyList<LinnworksPostalService> Defaults { get; } =
        [RoyalMailTracked48, RoyalMailTracked24, InPostLocker, Standard];
}

/// <summary>A stock level per SKU and location; <see cref="LocationId"/> empty is Linnworks' Default location.</summary>
public sealed record LinnworksStockLevel(string Sku, Guid LocationId, int Level, DateTimeOffset LastUpdateDate);
