namespace Ledger.Simulators.Shopify;

/// <summary>A customer checkout, for the C# and control APIs.</summary>
public sealed record ShopifyOrderRequest
{
    public IReadOnlyList<ShopifyOrderLine> Lines { get; init; } = [];

    public string? Email { get; init; } = "alex.morgan@example.co.uk";

    public string? Phone { get; init; }

    public ShopifyAddress? ShippingAddress { get; init; } = ShopifyAddress.DefaultUk;

    /// <summary>Defaults to the shipping address.</summary>
    public ShopifyAddress? BillingAddress { get; init; }

    public string ShippingTitle { get; init; } = "Standard Delivery";

    public string ShippingCode { get; init; } = "STANDARD";

    public decimal ShippingPrice { get; init; } = 3.99m;

    public string? CarrierIdentifier { get; init; }

    public string Tags { get; init; } = "";

    public string? Note { get; init; }

    public string Currency { get; init; } = "GBP";

    /// <summary>Create as paid (also sends <c>orders/paid</c>).</summary>
    public bool Paid { get; init; }
}

/// <summary>One ordered SKU. <see cref="LocationId"/> picks the fulfilling location (default: the first).</summary>
public sealed record ShopifyOrderLine
{
    public string Sku { get; init; } = "";

    public int Quantity { get; init; } = 1;

    public decimal Price { get; init; } = 25m;

    public string? Title { get; init; }

    public long? LocationId { get; init; }

    public bool RequiresShipping { get; init; } = true;

    public int Grams { get; init; } = 500;
}

/// <summary>An order edit: set a SKU's quantity (0 removes it); unknown SKUs are added.</summary>
public sealed record ShopifyLineChange
{
    public string Sku { get; init; } = "";

    public int Quantity { get; init; }

    public decimal Price { get; init; } = 25m;
}

/// <summary>The <c>orders/edited</c> webhook body.</summary>
public sealed record ShopifyOrderEdit
{
    public long Id { get; init; }

    public long AppId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset CommittedAt { get; init; }

    public bool NotifyCustomer { get; init; }

    public long OrderId { get; init; }

    public string? StaffNote { get; init; }

    public long? UserId { get; init; }

    public ShopifyOrderEditLines LineItems { get; init; } = new();
}

public sealed record ShopifyOrderEditLines
{
    public IReadOnlyList<ShopifyLineDelta> Additions { get; init; } = [];

    public IReadOnlyList<ShopifyLineDelta> Removals { get; init; } = [];
}

public sealed record ShopifyLineDelta(long Id, int Delta);

/// <summary>Body of <c>POST /fulfillments.json</c>, snake_case on the wire.</summary>
public sealed record ShopifyFulfillmentRequest
{
    public IReadOnlyList<ShopifyFulfillmentOrderLines>? LineItemsByFulfillmentOrder { get; init; }

    public ShopifyTrackingInfo? TrackingInfo { get; init; }

    public bool NotifyCustomer { get; init; }

    public string? Message { get; init; }
}

public sealed record ShopifyFulfillmentOrderLines
{
    public long FulfillmentOrderId { get; init; }

    /// <summary>Omitted ⇒ everything still fulfillable on the fulfillment order.</summary>
    public IReadOnlyList<ShopifyFulfillmentOrderLineQuantity>? FulfillmentOrderLineItems { get; init; }
}

public sealed record ShopifyFulfillmentOrderLineQuantity(long Id, int Quantity);

public sealed record ShopifyTrackingInfo(string? Number, string? Url, string? Company);
