namespace Ledger.Application.Connectors.Shopify;

/// <summary>One webhook delivery from Shopify, as received: the headers Ledger uses and the exact body bytes.</summary>
public sealed record ShopifyDelivery(
    string? Topic,
    string? HmacSha256,
    string? WebhookId,
    string? EventId,
    string? TriggeredAt,
    string? ApiVersion,
    string? ShopDomain,
    ReadOnlyMemory<byte> Body);
