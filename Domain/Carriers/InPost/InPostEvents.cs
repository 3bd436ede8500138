namespace Ledger.Domain.Carriers.InPost;

public static class InPostEventTypes
{
    public const string ShipmentConfirmed = "inpost.shipment-confirmed.v1";
    public const string ShipmentStatusChanged = "inpost.shipment-status-changed.v1";
    public const string OffersPrepared = "inpost.offers-prepared.v1";

    /// <summary>A locker point's operating status changed, seen by Ledger's poll of the Points API.</summary>
    public const string PointStatusChanged = "inpost.point-status-changed.v1";
}

/// <summary>A ShipX webhook about a shipment. The tracking number is known only from confirmation on.</summary>
public sealed record InPostShipmentReported(string Event, string ShipmentId, string? Status, string? TrackingNumber, string? OrganizationId, DateTimeOffset EventAt);

/// <summary>A locker point's status as the Points API reports it: Operating, NonOperating or Disabled.</summary>
public sealed record InPostPointStatusChanged(string PointName, string Status, string? PreviousStatus);
