using System.Text.Json.Serialization;

namespace Ledger.Simulators.Shopify;

/// <summary>An order in the REST Admin shape (also the <c>orders/*</c> webhook body).</summary>
public sealed record ShopifyOrder
{
    public long Id { get; init; }

    public string AdminGraphqlApiId => $"gid://shopify/Order/{Id}";

    public string Name => $"#{OrderNumber}";

    public int OrderNumber { get; init; }

    public int Number => OrderNumber - 1000;

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public string? CancelReason { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string FinancialStatus { get; init; } = "pending";

    /// <summary>null (unfulfilled), <c>partial</c> or <c>fulfilled</c>.</summary>
    public string? FulfillmentStatus { get; init; }

    /// <summary>One comma-separated string, as Shopify sends it.</summary>
    public string Tags { get; init; } = "";

    public string? Note { get; init; }

    public string Currency { get; init; } = "GBP";

    public string PresentmentCurrency => Currency;

    public string SubtotalPrice { get; init; } = "0.00";

    public string TotalPrice { get; init; } = "0.00";

    public string TotalTax { get; init; } = "0.00";

    public bool Test { get; init; }

    public string SourceName { get; init; } = "web";

    public IReadOnlyList<ShopifyLineItem> LineItems { get; init; } = [];

    public ShopifyAddress? ShippingAddress { get; init; }

    public ShopifyAddress? BillingAddress { get; init; }

    public IReadOnlyList<ShopifyShippingLine> ShippingLines { get; init; } = [];

    public IReadOnlyList<ShopifyFulfillment> Fulfillments { get; init; } = [];

    public IReadOnlyList<object> Refunds { get; init; } = [];

    [JsonIgnore]
    public bool IsOpen => CancelledAt is null && ClosedAt is null;
}

public sealed record ShopifyLineItem
{
    public long Id { get; init; }

    public string AdminGraphqlApiId => $"gid://shopify/LineItem/{Id}";

    public long VariantId { get; init; }

    public long ProductId { get; init; }

    public string Sku { get; init; } = "";

    public string Title { get; init; } = "";

    public string? VariantTitle { get; init; }

    public string Name { get; init; } = "";

    public string Vendor { get; init; } = "Ledger Demo";

    public int Quantity { get; init; }

    /// <summary>Quantity after order edits (REST keeps the original <see cref="Quantity"/>).</summary>
    public int CurrentQuantity { get; init; }

    public int FulfillableQuantity { get; init; }

    /// <summary>null, <c>partial</c> or <c>fulfilled</c>.</summary>
    public string? FulfillmentStatus { get; init; }

    public string FulfillmentService { get; init; } = "manual";

    public bool RequiresShipping { get; init; } = true;

    public bool Taxable { get; init; } = true;

    public bool GiftCard { get; init; }

    public bool ProductExists { get; init; } = true;

    public int Grams { get; init; }

    public string Price { get; init; } = "0.00";

    public string TotalDiscount { get; init; } = "0.00";
}

public sealed record ShopifyAddress
{
    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Name => string.Join(' ', new[] { FirstName, LastName }.Where(p => !string.IsNullOrEmpty(p)));

    public string? Company { get; init; }

    [JsonPropertyName("address1")]
    public string? Address1 { get; init; }

    [JsonPropertyName("address2")]
    public string? Address2 { get; init; }

    public string? City { get; init; }

    public string? Province { get; init; }

    public string? ProvinceCode { get; init; }

    public string? Zip { get; init; }

    public string? Country { get; init; }

    public string? CountryCode { get; init; }

    public string? Phone { get; init; }

    public static ShopifyAddress DefaultUk { get; } = new()
    {
        FirstName = "Alex",
        LastName = "Morgan",
        Address1 = "10 Downing Street",
        City = "London",
        Province = "England",
        ProvinceCode = "ENG",
        Zip = "SW1A 2AA",
        Country = "United Kingdom",
        CountryCode = "GB",
        Phone = "+447700900123",
    };
}

public sealed record ShopifyShippingLine
{
    public long Id { get; init; }

    public string Title { get; init; } = "";

    public string Code { get; init; } = "";

    public string Price { get; init; } = "0.00";

    public string Source { get; init; } = "shopify";

    public string? CarrierIdentifier { get; init; }
}
