using System.Globalization;
using System.Text;
using Ledger.Application.Abstractions.EventStore;

namespace Ledger.Benchmarks;

/// <summary>
/// Realistic Shopify order events of about 300 bytes of JSON, with the metadata an ingested webhook carries.
/// Both the store and the raw baseline write these, so that their rows are of the same size.
/// </summary>
internal sealed class OrderEvents(int seed)
{
    public const string SourceSystem = "shopify";
    public const string EventType = "shopify.order.updated.v1";
    public const string Category = "shopify.order";

    private static readonly string[] Statuses = ["paid", "partially_fulfilled", "fulfilled", "refunded"];
    private static readonly string[] Countries = ["DE", "FR", "NL", "GB", "US", "SE"];

    // Not for security: the figures only have to vary like real orders do.
#pragma warning disable CA5394
    private readonly Random _random = new(seed);

    public string Payload(long orderId)
    {
        var quantity = _random.Next(1, 5);
        var unitCents = _random.Next(499, 19_999);
        var taxCents = unitCents * quantity * 19 / 119;
        var totalCents = unitCents * quantity + 495;
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {"orderId":"{{orderId}}","orderNumber":"#{{1000 + orderId % 900_000}}","status":"{{Statuses[_random.Next(Statuses.Length)]}}","currency":"EUR","totalPrice":"{{totalCents / 100m:0.00}}","totalTax":"{{taxCents / 100m:0.00}}","customerId":"{{_random.Next(1_000_000, 9_999_999)}}","lineItems":[{"sku":"SKU-{{_random.Next(10_000, 99_999)}}","quantity":{{quantity}},"price":"{{unitCents / 100m:0.00}}"}],"shippingCountry":"{{Countries[_random.Next(Countries.Length)]}}","updatedAt":"{{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}}"}
            """);
    }
#pragma warning restore CA5394

    public EventData Next(long orderId) => new(
        Guid.CreateVersion7(),
        EventType,
        Encoding.UTF8.GetBytes(Payload(orderId)),
        new EventMetadata(
            SourceSystem,
            SourceMessageId: Guid.NewGuid().ToString(),
            OccurredAt: DateTimeOffset.UtcNow,
            CorrelationId: CorrelationId(orderId)));

    public EventData[] Batch(long orderId, int count)
    {
        var events = new EventData[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = Next(orderId);
        }

        return events;
    }

    public static string CorrelationId(long orderId) => string.Create(CultureInfo.InvariantCulture, $"shopify-order-{orderId}");
}
