namespace Ledger.Simulators.WooCommerce;

/// <summary>A checkout, for the C# and control APIs. The order starts <c>pending</c> unless paid.</summary>
public sealed record WooOrderRequest
{
    public IReadOnlyList<WooOrderLine> Lines { get; init; } = [];

    public string Email { get; init; } = "sam.taylor@example.co.uk";

    public WooAddress Billing { get; init; } = WooAddress.DefaultUk;

    /// <summary>Defaults to the billing address (without email).</summary>
    public WooAddress? Shipping { get; init; }

    public string ShippingMethodId { get; init; } = "flat_rate";

    public string ShippingMethodTitle { get; init; } = "Royal Mail Tracked 48";

    public decimal ShippingTotal { get; init; } = 3.95m;

    public string CustomerNote { get; init; } = "";

    public IReadOnlyDictionary<string, string> Meta { get; init; } = new Dictionary<string, string>();

    /// <summary>Paid at checkout: the order is created <c>processing</c>.</summary>
    public bool Paid { get; init; }
}

public sealed record WooOrderLine
{
    public string Sku { get; init; } = "";

    public int Quantity { get; init; } = 1;

    /// <summary>Used when the SKU is not yet a product.</summary>
    public decimal Price { get; init; } = 30m;

    public string? Name { get; init; }
}

/// <summary>An admin edit: set SKU quantities (0 removes; unknown SKUs are added) and/or the shipping address.</summary>
public sealed record WooOrderEdit
{
    public IReadOnlyList<WooOrderLine> Lines { get; init; } = [];

    public WooAddress? Shipping { get; init; }

    public string? CustomerNote { get; init; }
}
