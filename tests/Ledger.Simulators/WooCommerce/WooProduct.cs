namespace Ledger.Simulators.WooCommerce;

/// <summary>A product; variations are kept flat (their own id, SKU and stock, with a parent id).</summary>
public sealed record WooProduct
{
    public int Id { get; init; }

    public string Name { get; init; } = "";

    public string Slug { get; init; } = "";

    /// <summary><c>simple</c> or <c>variation</c>.</summary>
    public string Type { get; init; } = "simple";

    public string Status { get; init; } = "publish";

    public string Sku { get; init; } = "";

    public string Price { get; init; } = "0.00";

    public string RegularPrice { get; init; } = "0.00";

    public string SalePrice { get; init; } = "";

    public bool ManageStock { get; init; } = true;

    public int? StockQuantity { get; init; }

    /// <summary><c>instock</c>, <c>outofstock</c> or <c>onbackorder</c>.</summary>
    public string StockStatus { get; init; } = "instock";

    public string Backorders { get; init; } = "no";

    public int ParentId { get; init; }

    public string DateCreated { get; init; } = "";

    public string DateCreatedGmt { get; init; } = "";

    public string DateModified { get; init; } = "";

    public string DateModifiedGmt { get; init; } = "";
}

/// <summary>A webhook subscription as Woo stores it; <see cref="FailureCount"/> counts consecutive failures.</summary>
public sealed record WooWebhook
{
    public int Id { get; init; }

    public string Name { get; init; } = "";

    /// <summary><c>active</c>, <c>paused</c> or <c>disabled</c>.</summary>
    public string Status { get; init; } = "active";

    public string Topic { get; init; } = "";

    public string Resource => Topic.Split('.')[0];

    public string Event => Topic.Split('.')[^1];

    public string DeliveryUrl { get; init; } = "";

    public int FailureCount { get; init; }

    public string DateCreated { get; init; } = "";

    public string DateCreatedGmt { get; init; } = "";
}
