namespace Ledger.Domain.Channels.Linnworks;

/// <summary>
/// Stored event names for what Ledger's Linnworks poll finds. Linnworks sends no webhooks, so every
/// event here is Ledger's own observation of Linnworks' books.
/// </summary>
public static class LinnworksEventTypes
{
    /// <summary>An open (or cancelled) order as Linnworks showed it, recorded only when its content changed. Payload: <see cref="ChannelOrder"/>.</summary>
    public const string OrderReported = "linnworks.order-reported.v1";

    /// <summary>The order reached Linnworks' processed book: it was despatched. Recorded once per order.</summary>
    public const string OrderProcessed = "linnworks.order-processed.v1";
}

/// <summary>A row of Linnworks' processed-orders search: the order was processed (despatched) at <see cref="ProcessedAt"/>.</summary>
public sealed record LinnworksOrderProcessed(
    string OrderId,
    string? NumOrderId,
    DateTimeOffset? ProcessedAt,
    string? TrackingNumber,
    string? PostalServiceName,
    string? Vendor);
