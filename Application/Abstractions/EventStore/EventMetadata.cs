namespace Ledger.Application.Abstractions.EventStore;

/// <summary>
/// Where an event came from. <see cref="SourceSystem"/> is the external system or Ledger module that
/// reported it; <see cref="SourceMessageId"/> is that source's own message or delivery id;
/// <see cref="Attributes"/> keeps whatever else the source said about the delivery (e.g. Shopify's
/// event id and API version).
/// </summary>
public sealed record EventMetadata(
    string SourceSystem,
    string? SourceMessageId = null,
    DateTimeOffset? OccurredAt = null,
    string? CorrelationId = null,
    Guid? CausationId = null,
    IReadOnlyDictionary<string, string>? Attributes = null);
