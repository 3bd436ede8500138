namespace Ledger.Application.Connectors.WooCommerce;

public sealed record WooCommerceOptions
{
    public const string Section = "Connectors:WooCommerce";

    /// <summary>Webhook secrets (current and previous). WooCommerce HTML-decodes the secret before signing.</summary>
    public IReadOnlyList<string> WebhookSecrets { get; init; } = [];
}
