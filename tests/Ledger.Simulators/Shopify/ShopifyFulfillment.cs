namespace Ledger.Simulators.Shopify;

/// <summary>A fulfilment as REST returns it and <c>fulfillments/create</c> sends it.</summary>
public sealed record ShopifyFulfillment
{
    public long Id { get; init; }

    public string AdminGraphqlApiId => $"gid://shopify/Fulfillment/{Id}";

    public long OrderId { get; init; }

    public string Name { get; init; } = "";

    public string Status { get; init; } = "success";

    public string Service { get; init; } = "manual";

    public string? ShipmentStatus { get; init; }

    public long LocationId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string? TrackingCompany { get; init; }

    public string? TrackingNumber { get; init; }

    public IReadOnlyList<string> TrackingNumbers { get; init; } = [];

    public string? TrackingUrl { get; init; }

    public IReadOnlyList<string> TrackingUrls { get; init; } = [];

    /// <summary>The order's line items, each with the quantity this fulfilment covers.</summary>
    public IReadOnlyList<ShopifyLineItem> LineItems { get; init; } = [];
}
