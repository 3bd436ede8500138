namespace Ledger.Application.Connectors.Shopify;

public sealed record ShopifyOptions
{
    public const string Section = "Connectors:Shopify";

    /// <summary>The app's client secrets: the current one first, the previous one too during a rotation (Shopify may sign with the older one for up to an hour).</summary>
    public IReadOnlyList<string> WebhookSecrets { get; init; } = [];
}
