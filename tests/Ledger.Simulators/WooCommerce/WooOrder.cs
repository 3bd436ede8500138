using System.Text.Json.Serialization;

namespace Ledger.Simulators.WooCommerce;

/// <summary>An order in the REST v3 shape (also the <c>order.*</c> webhook body).</summary>
public sealed record WooOrder
{
    public int Id { get; init; }

    public int ParentId { get; init; }

    public string Number => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string OrderKey { get; init; } = "";

    public string CreatedVia { get; init; } = "checkout";

    public string Version { get; init; } = "9.4.2";

    /// <summary><c>pending</c>, <c>processing</c>, <c>on-hold</c>, <c>completed</c>, <c>cancelled</c>, <c>refunded</c>, <c>failed</c>.</summary>
    public string Status { get; init; } = "pending";

    public string Currency { get; init; } = "GBP";

    public string CurrencySymbol => Currency == "GBP" ? "£" : Currency;

    public string DateCreated { get; init; } = "";

    public string DateCreatedGmt { get; init; } = "";

    public string DateModified { get; init; } = "";

    public string DateModifiedGmt { get; init; } = "";

    public string DiscountTotal { get; init; } = "0.00";

    public string DiscountTax { get; init; } = "0.00";

    public string ShippingTotal { get; init; } = "0.00";

    public string ShippingTax { get; init; } = "0.00";

    public string CartTax { get; init; } = "0.00";

    public string Total { get; init; } = "0.00";

    public string TotalTax { get; init; } = "0.00";

    public bool PricesIncludeTax { get; init; } = true;

    public int CustomerId { get; init; }

    public string CustomerNote { get; init; } = "";

    public WooAddress Billing { get; init; } = new();

    public WooAddress Shipping { get; init; } = new();

    public string PaymentMethod { get; init; } = "stripe";

    public string PaymentMethodTitle { get; init; } = "Credit Card (Stripe)";

    public string TransactionId { get; init; } = "";

    public string? DatePaid { get; init; }

    public string? DatePaidGmt { get; init; }

    public string? DateCompleted { get; init; }

    public string? DateCompletedGmt { get; init; }

    public IReadOnlyList<WooMetaData> MetaData { get; init; } = [];

    public IReadOnlyList<WooLineItem> LineItems { get; init; } = [];

    public IReadOnlyList<object> TaxLines { get; init; } = [];

    public IReadOnlyList<WooShippingLine> ShippingLines { get; init; } = [];

    public IReadOnlyList<object> FeeLines { get; init; } = [];

    public IReadOnlyList<object> CouponLines { get; init; } = [];

    public IReadOnlyList<object> Refunds { get; init; } = [];

    /// <summary>UTC modification time, for filtering.</summary>
    [JsonIgnore]
    public DateTimeOffset ModifiedAt { get; init; }

    [JsonIgnore]
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Billing has email and phone; shipping has phone in newer versions.</summary>
public sealed record WooAddress
{
    public string FirstName { get; init; } = "";

    public string LastName { get; init; } = "";

    public string Company { get; init; } = "";

    [JsonPropertyName("address_1")]
    public string Address1 { get; init; } = "";

    [JsonPropertyName("address_2")]
    public string Address2 { get; init; } = "";

    public string City { get; init; } = "";

    public string State { get; init; } = "";

    public string Postcode { get; init; } = "";

    public string Country { get; init; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Email { get; init; }

    public string Phone { get; init; } = "";

    public static WooAddress DefaultUk { get; } = new()
    {
        FirstName = "Sam",
        LastName = "Taylor",
        Address1 = "221B Baker Street",
        City = "London",
        Postcode = "NW1 6XE",
        Country = "GB",
        Phone = "07700900456",
    };
}

public sealed record WooLineItem
{
    public int Id { get; init; }

    public string Name { get; init; } = "";

    public int ProductId { get; init; }

    public int VariationId { get; init; }

    public int Quantity { get; init; }

    public string TaxClass { get; init; } = "";

    public string Subtotal { get; init; } = "0.00";

    public string SubtotalTax { get; init; } = "0.00";

    public string Total { get; init; } = "0.00";

    public string TotalTax { get; init; } = "0.00";

    public IReadOnlyList<object> Taxes { get; init; } = [];

    public IReadOnlyList<WooMetaData> MetaData { get; init; } = [];

    public string Sku { get; init; } = "";

    /// <summary>A number (unlike the string totals), as Woo sends it.</summary>
    public decimal Price { get; init; }

    public string? ParentName { get; init; }
}

public sealed record WooShippingLine
{
    public int Id { get; init; }

    public string MethodTitle { get; init; } = "";

    public string MethodId { get; init; } = "";

    public string InstanceId { get; init; } = "";

    public string Total { get; init; } = "0.00";

    public string TotalTax { get; init; } = "0.00";

    public IReadOnlyList<object> Taxes { get; init; } = [];

    public IReadOnlyList<WooMetaData> MetaData { get; init; } = [];
}

public sealed record WooMetaData(int Id, string Key, object? Value);

public sealed record WooOrderNote
{
    public int Id { get; init; }

    public string Author { get; init; } = "";

    public string DateCreated { get; init; } = "";

    public string DateCreatedGmt { get; init; } = "";

    public string Note { get; init; } = "";

    public bool CustomerNote { get; init; }

    public bool AddedByUser { get; init; }
}
