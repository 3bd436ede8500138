using System.Text.Json.Serialization;

namespace Ledger.Simulators.Shopify;

public sealed record ShopifyLocation
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    [JsonPropertyName("address1")]
    public string? Address1 { get; init; }

    public string? City { get; init; }

    public string? Zip { get; init; }

    public string CountryCode { get; init; } = "GB";

    public bool Active { get; init; } = true;

    public string AdminGraphqlApiId => $"gid://shopify/Location/{Id}";
}

/// <summary>A product variant; Shopify keys stock by its 1:1 inventory item.</summary>
public sealed record ShopifyVariant
{
    public long Id { get; init; }

    public long ProductId { get; init; }

    public string Title { get; init; } = "Default Title";

    public string ProductTitle { get; init; } = "";

    public string Sku { get; init; } = "";

    public string Price { get; init; } = "0.00";

    public int Grams { get; init; }

    public long InventoryItemId { get; init; }

    public string InventoryManagement { get; init; } = "shopify";

    public string AdminGraphqlApiId => $"gid://shopify/ProductVariant/{Id}";
}

public sealed record ShopifyInventoryLevel
{
    public long InventoryItemId { get; init; }

    public long LocationId { get; init; }

    public int? Available { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string AdminGraphqlApiId => $"gid://shopify/InventoryLevel/{LocationId}?inventory_item_id={InventoryItemId}";
}
