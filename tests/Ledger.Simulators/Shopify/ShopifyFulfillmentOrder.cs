using System.Text.Json.Serialization;

namespace Ledger.Simulators.Shopify;

/// <summary>The part of an order assigned to one location; fulfilments are made against its line items.</summary>
public sealed record ShopifyFulfillmentOrder
{
    public long Id { get; init; }

    public long ShopId { get; init; }

    public long OrderId { get; init; }

    public long AssignedLocationId { get; init; }

    public string RequestStatus { get; init; } = "unsubmitted";

    /// <summary><c>open</c>, <c>in_progress</c>, <c>closed</c> or <c>cancelled</c>.</summary>
    public string Status { get; init; } = "open";

    public IReadOnlyList<string> SupportedActions =>
        Status is "open" or "in_progress" ? ["create_fulfillment", "move"] : [];

    public ShopifyAddress? Destination { get; init; }

    public IReadOnlyList<ShopifyFulfillmentOrderLineItem> LineItems { get; init; } = [];

    public DateTimeOffset FulfillAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public ShopifyAssignedLocation? AssignedLocation { get; init; }

    public IReadOnlyList<object> FulfillmentHolds { get; init; } = [];

    [JsonIgnore]
    public bool AcceptsFulfilment => Status is "open" or "in_progress";
}

public sealed record ShopifyFulfillmentOrderLineItem
{
    public long Id { get; init; }

    public long ShopId { get; init; }

    public long FulfillmentOrderId { get; init; }

    public int Quantity { get; init; }

    public long LineItemId { get; init; }

    public long InventoryItemId { get; init; }

    public int FulfillableQuantity { get; init; }

    public long VariantId { get; init; }
}

public sealed record ShopifyAssignedLocation
{
    public long LocationId { get; init; }

    public string Name { get; init; } = "";

    [JsonPropertyName("address1")]
    public string? Address1 { get; init; }

    public string? City { get; init; }

    public string? Zip { get; init; }

    public string CountryCode { get; init; } = "GB";
}
