namespace Ledger.Application.Connectors.WooCommerce;

/// <summary>One webhook delivery from WooCommerce, as received.</summary>
public sealed record WooCommerceDelivery(
    string? Topic,
    string? Signature,
    string? WebhookId,
    string? DeliveryId,
    string? Source,
    string? ContentType,
    ReadOnlyMemory<byte> Body);
